package dev.luayield.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.luayield.LuaScriptNotFoundException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaScriptSource;
import dev.luayield.scripts.ScriptRepository;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for where {@link LuaYieldAutoConfiguration} has named scripts come from:
 * {@code lua.scripts.locations}, {@code lua.scripts.location} and {@link LuaScriptSource}
 * beans, in that order of precedence.
 */
class LuaScriptSourcesAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LuaYieldAutoConfiguration.class));

	@Test
	void whenLocationsAreSetThenTheyAreAskedInOrderAndLocationIsIgnored() {
		this.contextRunner
			.withPropertyValues("lua.scripts.location=classpath:/nowhere/",
					"lua.scripts.locations=classpath:/other-lua/,classpath:/lua/")
			.run((context) -> {
				ScriptRepository repository = context.getBean(ScriptRepository.class);
				assertThat(repository.getLocation()).isEqualTo("classpath:/other-lua/, classpath:/lua/");
				assertThat(repository.names()).contains("answer", "lib/tally");
				assertThat(context.getBean(LuaScriptRunner.class).run("answer")).isEqualTo(42L);
				assertThat(context.getBean(LuaScriptRunner.class).eval("return require('lib/tally').add(3)"))
					.isEqualTo(3L);
			});
	}

	@Test
	void whenASourceBeanHasAScriptThenItComesBeforeTheLocations() {
		this.contextRunner.withUserConfiguration(MemorySourceConfiguration.class)
			.withPropertyValues("lua.scripts.location=classpath:/other-lua/")
			.run((context) -> {
				LuaScriptRunner runner = context.getBean(LuaScriptRunner.class);
				assertThat(runner.run("answer")).isEqualTo(7L);
				assertThat(context.getBean(ScriptRepository.class).getLocation())
					.isEqualTo("second, first, classpath:/other-lua/");
			});
	}

	@Test
	void whenSourceBeansExistThenChangesArePickedUpWithoutReloadBeingSet() {
		this.contextRunner.withUserConfiguration(MemorySourceConfiguration.class)
			.withPropertyValues("lua.scripts.reload-interval=0s")
			.run((context) -> {
				LuaScriptRunner runner = context.getBean(LuaScriptRunner.class);
				assertThat(runner.run("answer")).isEqualTo(7L);
				context.getBean("first", MemorySource.class).put("answer", "return 8", "2");
				assertThat(runner.run("answer")).isEqualTo(8L);
			});
	}

	@Test
	void whenReloadIsOffThenASourceBeanIsReadOnce() {
		this.contextRunner.withUserConfiguration(MemorySourceConfiguration.class)
			.withPropertyValues("lua.scripts.reload=false", "lua.scripts.reload-interval=0s")
			.run((context) -> {
				LuaScriptRunner runner = context.getBean(LuaScriptRunner.class);
				assertThat(runner.run("answer")).isEqualTo(7L);
				context.getBean("first", MemorySource.class).put("answer", "return 8", "2");
				assertThat(runner.run("answer")).isEqualTo(7L);
			});
	}

	@Test
	void whenNoSourceHasTheScriptThenTheExceptionSaysWhereItLooked() {
		this.contextRunner.withUserConfiguration(MemorySourceConfiguration.class)
			.withPropertyValues("lua.scripts.locations=classpath:/other-lua/,classpath:/lua/")
			.run((context) -> assertThatExceptionOfType(LuaScriptNotFoundException.class)
				.isThrownBy(() -> context.getBean(LuaScriptRunner.class).run("quest/nope"))
				.withMessage("no script 'quest/nope' (looked for 'quest/nope' in second, 'quest/nope' in first,"
						+ " classpath:/other-lua/quest/nope.lua, classpath:/lua/quest/nope.lua)"));
	}

	@Configuration(proxyBeanMethods = false)
	static class MemorySourceConfiguration {

		@Bean
		@Order(2)
		MemorySource first() {
			MemorySource source = new MemorySource("first");
			source.put("answer", "return 7", "1");
			return source;
		}

		@Bean
		@Order(1)
		MemorySource second() {
			return new MemorySource("second");
		}

	}

	static final class MemorySource implements LuaScriptSource {

		private final Map<String, Script> scripts = new ConcurrentHashMap<>();

		private final String description;

		MemorySource(String description) {
			this.description = description;
		}

		void put(String name, String source, String version) {
			this.scripts.put(name, new Script(name, source, version));
		}

		@Override
		public @Nullable Script find(String name) {
			return this.scripts.get(name);
		}

		@Override
		public String description() {
			return this.description;
		}

	}

}
