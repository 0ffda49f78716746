package dev.luayield.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaTimeoutException;
import dev.luayield.engine.LuaVm;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.scripts.LogEvents;
import dev.luayield.scripts.ScriptRepository;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Live reload with a broken edit: every state, including one made after the edit, runs
 * the last version that compiled.
 */
class ReloadLastGoodTests {

	@TempDir
	Path scripts;

	@RegisterExtension
	final LogEvents log = new LogEvents(ScriptRepository.class);

	@Test
	void whenAStateIsReplacedAfterABrokenEditThenTheNewStateRunsTheLastGoodVersion() throws Exception {
		Path file = this.scripts.resolve("greet.lua");
		Files.writeString(file, "return 'one'");
		try (Runtime runtime = new Runtime(this.scripts, 1)) {
			assertThat(runtime.runner.run("greet")).isEqualTo("one");
			Files.writeString(file, "return 'two' +");
			assertThat(runtime.runner.run("greet")).isEqualTo("one");
			// A timeout retires the only state; the next invocation gets a new one.
			assertThatExceptionOfType(LuaTimeoutException.class)
				.isThrownBy(() -> runtime.runner.eval("while true do end"));
			assertThat(runtime.pool.getDestroyedCount()).isEqualTo(1);
			assertThat(runtime.runner.run("greet")).isEqualTo("one");
			assertThat(runtime.runner.run("greet")).isEqualTo("one");
			assertThat(runtime.pool.getCreatedCount()).isEqualTo(2);
			Files.writeString(file, "return 'three'");
			assertThat(runtime.runner.run("greet")).isEqualTo("three");
		}
		assertThat(this.log.events()).singleElement()
			.extracting(ILoggingEvent::getFormattedMessage)
			.asString()
			.startsWith(
					"Lua script 'greet' was changed but does not compile; the previous version keeps running: greet.lua:1:");
	}

	@Test
	void whenAStateMissedTheLastGoodVersionThenABrokenEditMovesItThere() throws Exception {
		Path file = this.scripts.resolve("greet.lua");
		Files.writeString(file, "return 'one'");
		try (Runtime runtime = new Runtime(this.scripts, 2)) {
			LuaVm first = runtime.pool.borrowObject();
			assertThat(runtime.runner.run("greet")).isEqualTo("one");
			LuaVm second = runtime.pool.borrowObject();
			assertThat(second).isNotSameAs(first);
			// Only the first state is free: it compiles 'two', the second keeps 'one'.
			Files.writeString(file, "return 'two'");
			runtime.pool.returnObject(first);
			assertThat(runtime.runner.run("greet")).isEqualTo("two");
			// Only the second state is free, and the current version does not compile.
			Files.writeString(file, "return 'three' +");
			first = runtime.pool.borrowObject();
			runtime.pool.returnObject(second);
			assertThat(runtime.runner.run("greet")).isEqualTo("two");
			runtime.pool.returnObject(first);
		}
		assertThat(this.log.events()).hasSize(1);
	}

	@Test
	void whenTheFirstVersionIsBrokenThenTheCompileErrorIsReported() throws Exception {
		Path file = this.scripts.resolve("greet.lua");
		Files.writeString(file, "return 'one' +");
		try (Runtime runtime = new Runtime(this.scripts, 1)) {
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runtime.runner.run("greet"))
				.withMessageStartingWith("greet.lua:1:");
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runtime.runner.run("greet"))
				.withMessageStartingWith("greet.lua:1:");
			Files.writeString(file, "return 'two'");
			assertThat(runtime.runner.run("greet")).isEqualTo("two");
		}
		assertThat(this.log.events()).isEmpty();
	}

	/** A runner over a file location that reloads on every invocation. */
	private static final class Runtime implements AutoCloseable {

		final LuaThreadPool pool;

		final LuaScriptRunner runner;

		Runtime(Path location, int poolSize) {
			GenericObjectPoolConfig<LuaVm> config = new GenericObjectPoolConfig<>();
			config.setMaxTotal(poolSize);
			config.setMaxWait(Duration.ofMillis(500));
			config.setJmxEnabled(false);
			LuaYield lua = LuaYield.builder()
				.scripts(location.toUri().toString())
				.reloadInterval(Duration.ZERO)
				.poolConfig(config)
				.maxCalls(1000)
				.timeout(Duration.ofMillis(300))
				.build();
			this.pool = lua.pool();
			this.runner = lua.runner();
		}

		@Override
		public void close() {
			this.pool.close();
		}

	}

}
