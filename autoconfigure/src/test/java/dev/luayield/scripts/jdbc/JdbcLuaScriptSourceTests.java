package dev.luayield.scripts.jdbc;

import java.time.Duration;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.luayield.LuaScriptSource;
import dev.luayield.scripts.LogEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link JdbcLuaScriptSource} on H2, with the schema script LuaYield ships.
 */
class JdbcLuaScriptSourceTests {

	private final EmbeddedDatabase database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
		.setName(UUID.randomUUID().toString())
		.addScript("classpath:dev/luayield/scripts/jdbc/schema-h2.sql")
		.build();

	private final JdbcLuaScriptSource source = new JdbcLuaScriptSource(this.database);

	@RegisterExtension
	final LogEvents log = new LogEvents(JdbcLuaScriptSource.class);

	@AfterEach
	void close() {
		this.source.close();
		this.database.shutdown();
	}

	@Test
	void whenAScriptIsSavedThenItIsFoundWithANewVersionEachTime() {
		assertThat(this.source.find("greet")).isNull();
		this.source.save("greet", "return 1");
		LuaScriptSource.Script first = this.source.find("greet");
		assertThat(first).isNotNull();
		assertThat(first.source()).isEqualTo("return 1");
		assertThat(first.version()).startsWith("1@");
		this.source.save("greet", "return 2");
		LuaScriptSource.Script second = this.source.find("greet");
		assertThat(second.source()).isEqualTo("return 2");
		assertThat(second.version()).startsWith("2@").isEqualTo(this.source.version("greet"));
		assertThat(new JdbcTemplate(this.database).queryForObject("SELECT COUNT(*) FROM lua_script", Integer.class))
			.isOne();
	}

	@Test
	void whenRowsAreWrittenElsewhereThenARefreshSeesThem() {
		JdbcTemplate jdbc = new JdbcTemplate(this.database);
		jdbc.update("INSERT INTO lua_script VALUES ('lib/b', 'return 2', 1, CURRENT_TIMESTAMP),"
				+ " ('a', 'return 1', 1, CURRENT_TIMESTAMP), ('../x', 'return 0', 1, CURRENT_TIMESTAMP)");
		assertThat(this.source.names()).isEmpty();
		this.source.refresh();
		assertThat(this.source.names()).containsExactly("../x", "a", "lib/b");
		jdbc.update("UPDATE lua_script SET source = 'return 3', version = 7 WHERE name = 'a'");
		this.source.refresh();
		assertThat(this.source.find("a").source()).isEqualTo("return 3");
		jdbc.update("DELETE FROM lua_script WHERE name = 'a'");
		this.source.refresh();
		assertThat(this.source.find("a")).isNull();
	}

	@Test
	void whenWatchingThenChangesArriveWithoutARefreshCall() {
		this.source.watch(Duration.ofMillis(50));
		new JdbcTemplate(this.database)
			.update("INSERT INTO lua_script VALUES ('greet', 'return 1', 1, CURRENT_TIMESTAMP)");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.source.find("greet") != null);
	}

	@Test
	void whenTheTableCannotBeReadWhileWatchingThenTheLastCopyStaysAndItIsLoggedOnce() throws Exception {
		this.source.save("greet", "return 1");
		JdbcTemplate jdbc = new JdbcTemplate(this.database);
		jdbc.execute("ALTER TABLE lua_script RENAME TO lua_script_away");
		this.source.watch(Duration.ofMillis(20));
		Thread.sleep(300);
		assertThat(this.source.find("greet").source()).isEqualTo("return 1");
		jdbc.execute("ALTER TABLE lua_script_away RENAME TO lua_script");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.log.events().size() == 2);
		assertThat(this.log.events()).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
		assertThat(this.log.events().get(0).getFormattedMessage()).isEqualTo(
				"Could not read the Lua scripts in table lua_script; the scripts read last stay until a read succeeds");
	}

	@Test
	void whenANameIsNotAScriptNameThenSaveRefusesIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.source.save("../secret", "return 1"))
			.withMessageStartingWith("invalid script name '../secret'");
	}

	@Test
	void whenTheTableNameIsNotAPlainNameThenTheSourceIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcLuaScriptSource(this.database, "lua_script; DROP TABLE x"))
			.withMessageStartingWith("invalid table name 'lua_script; DROP TABLE x'");
	}

	@Test
	void whenWatchingWithAZeroIntervalThenTheMessageSaysWhy() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.source.watch(Duration.ZERO))
			.withMessage("the Lua scripts in table lua_script are read again every interval, which must be"
					+ " positive (was PT0S)");
	}

}
