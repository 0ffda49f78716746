package dev.luayield.autoconfigure.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.luayield.LuaScriptNotFoundException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaScriptSource;
import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import dev.luayield.scripts.LogEvents;
import dev.luayield.scripts.ScriptRepository;
import dev.luayield.scripts.jdbc.JdbcLuaScriptSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link LuaScriptsJdbcAutoConfiguration}: scripts in a table of a real (H2)
 * database, shared by two application contexts as by two instances of an application.
 */
class LuaScriptsJdbcAutoConfigurationTests {

	private final String database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				LuaScriptsJdbcAutoConfiguration.class, LuaYieldAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + this.database, "lua.scripts.jdbc.enabled=true",
				"lua.scripts.reload-interval=50ms", "lua.scripts.location=classpath:/other-lua/");

	@RegisterExtension
	final LogEvents log = new LogEvents(ScriptRepository.class);

	@Test
	void whenTheJdbcSourceIsNotEnabledThenThereIsNone() {
		this.contextRunner.withPropertyValues("lua.scripts.jdbc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcLuaScriptSource.class)
				.doesNotHaveBean(LuaScriptsDataSourceScriptDatabaseInitializer.class));
	}

	@Test
	void whenSpringJdbcIsMissingThenTheJdbcSourceBacksOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
			.withPropertyValues("spring.autoconfigure.exclude=" + DataSourceAutoConfiguration.class.getName())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JdbcLuaScriptSource.class));
	}

	@Test
	void whenEnabledOnAnEmbeddedDatabaseThenTheTableIsCreatedAndComesBeforeTheLocations() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(JdbcLuaScriptSource.class)
				.hasSingleBean(LuaScriptsDataSourceScriptDatabaseInitializer.class);
			LuaScriptRunner runner = context.getBean(LuaScriptRunner.class);
			assertThat(runner.run("answer")).as("from classpath:/other-lua/").isEqualTo(42L);
			context.getBean(JdbcLuaScriptSource.class).save("answer", "return 'from the table'");
			await().atMost(Duration.ofSeconds(5)).until(() -> "from the table".equals(runner.run("answer")));
			assertThat(context.getBean(ScriptRepository.class).getSources()).extracting(LuaScriptSource::description)
				.containsExactly("table lua_script", "classpath:/other-lua/");
		});
	}

	@Test
	void whenAScriptIsSavedInOneInstanceThenTheOtherPicksItUp() {
		this.contextRunner.run((first) -> this.contextRunner.run((second) -> {
			LuaScriptRunner runner = second.getBean(LuaScriptRunner.class);
			assertThatExceptionOfType(LuaScriptNotFoundException.class).isThrownBy(() -> runner.run("greet"));
			first.getBean(JdbcLuaScriptSource.class).save("greet", "return 'one'");
			await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> "one".equals(runner.run("greet")));
			first.getBean(JdbcLuaScriptSource.class).save("greet", "return 'two'");
			await().atMost(Duration.ofSeconds(5)).until(() -> "two".equals(runner.run("greet")));
		}));
	}

	@Test
	void whenABrokenScriptIsSavedThenThePreviousVersionKeepsRunningAndItIsLoggedOnce() throws Exception {
		this.contextRunner.run((first) -> this.contextRunner.run((second) -> {
			JdbcLuaScriptSource table = first.getBean(JdbcLuaScriptSource.class);
			LuaScriptRunner runner = second.getBean(LuaScriptRunner.class);
			table.save("greet", "return 'good'");
			await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> "good".equals(runner.run("greet")));
			table.save("greet", "return 'broken' +");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> "good".equals(runner.run("greet")) && !this.log.events().isEmpty());
			// Many checks of the table and invocations on every state: still one message.
			for (int i = 0; i < 20; i++) {
				assertThat(runner.run("greet")).isEqualTo("good");
				Thread.sleep(10);
			}
			table.save("greet", "return 'fixed'");
			await().atMost(Duration.ofSeconds(5)).until(() -> "fixed".equals(runner.run("greet")));
		}));
		assertThat(this.log.events()).singleElement()
			.extracting(ILoggingEvent::getFormattedMessage)
			.asString()
			.startsWith("Lua script 'greet' was changed but does not compile; the previous version keeps running:"
					+ " greet.lua:1:")
			.endsWith("(from table lua_script)");
	}

	@Test
	void whenTheTableCannotBeReadThenScriptsKeepRunningWithoutTouchingTheDatabase() {
		this.contextRunner.run((context) -> {
			context.getBean(JdbcLuaScriptSource.class).save("greet", "return 'cached'");
			LuaScriptRunner runner = context.getBean(LuaScriptRunner.class);
			assertThat(runner.run("greet")).isEqualTo("cached");
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			jdbc.execute("ALTER TABLE lua_script RENAME TO lua_script_away");
			try {
				for (int i = 0; i < 10; i++) {
					assertThat(runner.run("greet")).isEqualTo("cached");
					Thread.sleep(20);
				}
			}
			finally {
				jdbc.execute("ALTER TABLE lua_script_away RENAME TO lua_script");
			}
		});
	}

	@Test
	void whenAScriptRequiresAModuleFromTheTableThenItIsLoaded() {
		this.contextRunner.run((context) -> {
			JdbcLuaScriptSource table = context.getBean(JdbcLuaScriptSource.class);
			table.save("lib/greeting", "return { text = function(who) return 'hello ' .. who end }");
			table.save("greet", "return require('lib/greeting').text(...)");
			assertThat(context.getBean(LuaScriptRunner.class).run("greet", "table")).isEqualTo("hello table");
		});
	}

	@Test
	void whenTheTableHasScriptsAtStartUpThenTheyAreValidated() {
		this.contextRunner.run((context) -> context.getBean(JdbcLuaScriptSource.class).save("broken", "return +"));
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("1 Lua script(s) in table lua_script, classpath:/other-lua/ do not compile")
				.hasMessageContaining("broken.lua:1:");
		});
	}

	@Test
	void whenTheTableIsMissingThenStartUpFailsSayingHowToCreateIt() {
		this.contextRunner.withPropertyValues("lua.scripts.jdbc.initialize-schema=never").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).anySatisfy((message) -> assertThat(message)
				.startsWith("Could not read the Lua scripts in table lua_script (lua.scripts.jdbc.enabled=true): ")
				.endsWith("Create the table (see docs/scripts.md) or let LuaYield create it with"
						+ " lua.scripts.jdbc.initialize-schema=always"));
		});
	}

	@Test
	void whenTheApplicationCreatesATableOfItsOwnThenScriptsAreReadFromItAfterwards() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceInitializationAutoConfiguration.class))
			.withPropertyValues("lua.scripts.jdbc.table=game_scripts", "lua.scripts.jdbc.initialize-schema=never",
					"spring.sql.init.schema-locations=classpath:custom-script-table.sql")
			.run((context) -> assertThat(context.getBean(LuaScriptRunner.class).run("answer")).isEqualTo(43L));
	}

	@Test
	void whenEnabledWithoutADataSourceThenStartUpFails() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LuaScriptsJdbcAutoConfiguration.class, LuaYieldAutoConfiguration.class))
			.withPropertyValues("lua.scripts.jdbc.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure()))
					.anySatisfy((message) -> assertThat(message).contains(DataSource.class.getName()));
			});
	}

	private static List<String> messages(Throwable failure) {
		List<String> messages = new java.util.ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return messages;
	}

}
