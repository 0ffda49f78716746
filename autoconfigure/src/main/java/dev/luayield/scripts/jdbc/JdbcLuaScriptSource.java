package dev.luayield.scripts.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.luayield.LuaScriptSource;
import dev.luayield.scripts.ScriptRepository;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * Scripts in a database table, one row per script:
 * {@code lua_script(name, source, version, updated_at)}. A script's version is its
 * {@code version} and {@code updated_at} columns together, so a row changed by hand is
 * recognised if either moves; {@link #save} moves both.
 * <p>
 * Invocations never wait for the database: the source answers from a copy of the table
 * that {@link #refresh()} brings up to date, and that {@link #watch(Duration)} refreshes
 * in the background. A refresh asks only for the names and versions, and reads the rows
 * again only when one changed. Reading on the invocation's thread would also run the
 * query inside the caller's transaction, where a failure (a table that is not there)
 * would end that transaction on some databases.
 *
 * @since 0.1.0
 */
public class JdbcLuaScriptSource implements LuaScriptSource, AutoCloseable {

	/** The default table name. */
	public static final String DEFAULT_TABLE = "lua_script";

	private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

	private static final Logger logger = LoggerFactory.getLogger(JdbcLuaScriptSource.class);

	private final JdbcTemplate jdbc;

	private final String table;

	private volatile Map<String, Script> scripts = Map.of();

	private final Object refreshing = new Object();

	private @Nullable ScheduledExecutorService watcher;

	private boolean failing;

	/**
	 * Creates a source over the {@code lua_script} table.
	 * @param dataSource the database
	 */
	public JdbcLuaScriptSource(DataSource dataSource) {
		this(dataSource, DEFAULT_TABLE);
	}

	/**
	 * Creates a source over a table of the given name, with the columns of
	 * {@code lua_script}.
	 * @param dataSource the database
	 * @param table the table name, optionally qualified by a schema
	 */
	public JdbcLuaScriptSource(DataSource dataSource, String table) {
		Assert.isTrue(TABLE_NAME.matcher(table).matches(), () -> "invalid table name '" + table
				+ "' for Lua scripts: use a plain SQL name such as 'lua_script' or 'scripts.lua_script'");
		this.jdbc = new JdbcTemplate(dataSource);
		this.table = table;
	}

	@Override
	public @Nullable Script find(String name) {
		return this.scripts.get(name);
	}

	@Override
	public @Nullable String version(String name) {
		Script script = this.scripts.get(name);
		return (script != null) ? script.version() : null;
	}

	@Override
	public List<String> names() {
		List<String> names = new ArrayList<>(this.scripts.keySet());
		names.sort(null);
		return names;
	}

	/**
	 * Returns {@code table <name>}.
	 * @return the description
	 */
	@Override
	public String description() {
		return "table " + this.table;
	}

	/**
	 * Brings the copy of the table up to date: reads the names and versions, and the rows
	 * themselves if any changed.
	 * @throws DataAccessException if the table cannot be read
	 */
	public void refresh() {
		synchronized (this.refreshing) {
			Map<String, Script> known = this.scripts;
			Map<String, String> versions = new HashMap<>();
			this.jdbc.query("SELECT name, version, updated_at FROM " + this.table + " WHERE source IS NOT NULL",
					(RowCallbackHandler) (row) -> versions.put(row.getString(1),
							version(row.getString(2), row.getString(3))));
			boolean changed = versions.size() != known.size() || versions.entrySet()
				.stream()
				.anyMatch((entry) -> !known.containsKey(entry.getKey())
						|| !known.get(entry.getKey()).version().equals(entry.getValue()));
			if (!changed) {
				return;
			}
			Map<String, Script> scripts = new HashMap<>();
			this.jdbc.query("SELECT name, source, version, updated_at FROM " + this.table,
					(RowCallbackHandler) (row) -> {
						String name = row.getString(1);
						String source = row.getString(2);
						if (name != null && source != null) {
							scripts.put(name, new Script(name, source, version(row.getString(3), row.getString(4))));
						}
					});
			this.scripts = Map.copyOf(scripts);
		}
	}

	private static String version(String version, String updatedAt) {
		return version + "@" + updatedAt;
	}

	/**
	 * Refreshes the copy of the table every interval on a background thread, until
	 * {@link #close()}. A refresh that fails is logged once, and the copy kept, until one
	 * succeeds again.
	 * @param interval the time between two refreshes
	 */
	public synchronized void watch(Duration interval) {
		Assert.isTrue(!interval.isNegative() && !interval.isZero(), () -> "the Lua scripts in " + description()
				+ " are read again every interval, which must be positive (was " + interval + ")");
		Assert.state(this.watcher == null, "already watching " + description());
		CustomizableThreadFactory threads = new CustomizableThreadFactory("luayield-scripts-");
		threads.setDaemon(true);
		ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(threads);
		watcher.scheduleWithFixedDelay(this::refreshQuietly, interval.toNanos(), interval.toNanos(),
				TimeUnit.NANOSECONDS);
		this.watcher = watcher;
	}

	private void refreshQuietly() {
		try {
			refresh();
			if (this.failing) {
				this.failing = false;
				logger.info("Lua scripts in {} can be read again", description());
			}
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("Could not read the Lua scripts in {}; the scripts read last stay until a read succeeds",
						description(), ex);
			}
		}
	}

	/**
	 * Saves a script: updates its row, or inserts one, with a new version and update
	 * time, and refreshes the copy of the table so that this application sees the change
	 * on its next check. Within a transaction, the row is written in it.
	 * @param name the script name, such as {@code combat/on_hit}
	 * @param source the Lua source; it is saved whether it compiles or not, and one that
	 * does not leaves the previous version running
	 * @throws IllegalArgumentException if the name is not a script name
	 * @throws DataAccessException if the row cannot be written
	 */
	public void save(String name, String source) {
		Assert.isTrue(ScriptRepository.isScriptName(name), () -> "invalid script name '" + name
				+ "': use names like 'combat/on_hit' (letters, digits, '_', '-', separated by '/', no '.lua')");
		Assert.notNull(source, "source must not be null");
		if (update(name, source) == 0) {
			try {
				this.jdbc.update(
						"INSERT INTO " + this.table
								+ " (name, source, version, updated_at) VALUES (?, ?, 1, CURRENT_TIMESTAMP)",
						name, source);
			}
			catch (DuplicateKeyException ex) {
				// Inserted by someone else since the update: this save comes after
				// theirs.
				update(name, source);
			}
		}
		refresh();
	}

	private int update(String name, String source) {
		return this.jdbc.update(
				"UPDATE " + this.table
						+ " SET source = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP WHERE name = ?",
				source, name);
	}

	/**
	 * Stops watching the table.
	 */
	@Override
	public synchronized void close() {
		if (this.watcher != null) {
			this.watcher.shutdownNow();
			this.watcher = null;
		}
	}

}
