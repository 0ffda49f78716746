package dev.luayield.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.luayield.LuaScriptRunner;
import dev.luayield.engine.LuaVm;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.scripts.ScriptRepository;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live reload: a changed script file is picked up by the next invocation on every pooled
 * state; a change that does not compile is reported and the previous version keeps
 * running.
 */
class ReloadTests {

	@TempDir
	Path scripts;

	@Test
	void whenAScriptFileChangesThenEveryStateRunsTheNewVersionAndABrokenOneIsSkipped() throws Exception {
		Path file = this.scripts.resolve("greet.lua");
		Files.writeString(file, "return 'one'");
		Logger logger = (Logger) LoggerFactory.getLogger(ScriptRepository.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try (Runtime runtime = new Runtime(this.scripts, Duration.ZERO)) {
			assertThat(runtime.runOnEveryState("greet")).containsOnly("one");
			Files.writeString(file, "return 'two'");
			assertThat(runtime.runOnEveryState("greet")).containsOnly("two");
			Files.writeString(file, "return 'three' +");
			assertThat(runtime.runOnEveryState("greet")).as("no failed invocation").containsOnly("two");
			Files.writeString(file, "return 'four'");
			assertThat(runtime.runOnEveryState("greet")).containsOnly("four");
		}
		finally {
			logger.detachAppender(appender);
		}
		assertThat(appender.list).hasSize(1);
		assertThat(appender.list.get(0).getFormattedMessage()).startsWith(
				"Lua script 'greet' was changed but does not compile; the previous version keeps running: greet.lua:1:");
	}

	@Test
	void whenReloadIsOffThenTheFirstVersionStays() throws Exception {
		Path file = this.scripts.resolve("greet.lua");
		Files.writeString(file, "return 'one'");
		try (Runtime runtime = new Runtime(this.scripts, null)) {
			assertThat(runtime.runOnEveryState("greet")).containsOnly("one");
			Files.writeString(file, "return 'two'");
			assertThat(runtime.runOnEveryState("greet")).containsOnly("one");
		}
	}

	private static final class Runtime implements AutoCloseable {

		private final LuaThreadPool pool;

		private final LuaScriptRunner runner;

		Runtime(Path location, Duration reloadInterval) {
			GenericObjectPoolConfig<LuaVm> config = new GenericObjectPoolConfig<>();
			config.setMaxTotal(3);
			config.setJmxEnabled(false);
			LuaYield lua = LuaYield.builder()
				.scripts(location.toUri().toString())
				.reloadInterval(reloadInterval)
				.poolConfig(config)
				.maxCalls(1000)
				.timeout(null)
				.build();
			this.pool = lua.pool();
			this.runner = lua.runner();
		}

		/**
		 * Runs the script on each of three states, held at once so that each is distinct.
		 */
		List<Object> runOnEveryState(String script) throws Exception {
			List<LuaVm> held = new java.util.ArrayList<>();
			List<Object> results = new java.util.ArrayList<>();
			for (int i = 0; i < 3; i++) {
				held.add(this.pool.borrowObject());
			}
			for (LuaVm vm : held) {
				this.pool.returnObject(vm);
				results.add(this.runner.run(script));
				this.pool.borrowObject();
			}
			for (int i = 0; i < 3; i++) {
				this.pool.returnObject(held.get(i));
			}
			return results;
		}

		@Override
		public void close() {
			this.pool.close();
		}

	}

}
