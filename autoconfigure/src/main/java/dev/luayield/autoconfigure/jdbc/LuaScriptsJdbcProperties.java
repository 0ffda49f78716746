package dev.luayield.autoconfigure.jdbc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration properties for named scripts kept in a database table. The schema
 * settings work as those of Spring Boot's libraries that own a table (Spring Batch,
 * Spring Session).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("lua.scripts.jdbc")
public class LuaScriptsJdbcProperties {

	/**
	 * Whether named scripts are also read from a database table, before the script
	 * locations. The table is read again every lua.scripts.reload-interval in the
	 * background, so that scripts saved by any instance reach every instance.
	 */
	private boolean enabled = false;

	/**
	 * Name of the table that holds the scripts, with the columns name, source, version
	 * and updated_at. The schema script creates "lua_script"; a table of another name
	 * must be created by the application.
	 */
	private String table = "lua_script";

	/**
	 * When the schema script creates the table: "embedded" for an embedded database only,
	 * "always", or "never" for an application that creates it itself.
	 */
	private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

	/**
	 * Location of the schema script; @@platform@@ stands for the database's platform
	 * ("h2", "postgresql").
	 */
	private String schema = "classpath:dev/luayield/scripts/jdbc/schema-@@platform@@.sql";

	/**
	 * Platform to use in the schema script's location. When not set, detected from the
	 * database.
	 */
	private String platform;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getTable() {
		return this.table;
	}

	public void setTable(String table) {
		this.table = table;
	}

	public DatabaseInitializationMode getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public String getPlatform() {
		return this.platform;
	}

	public void setPlatform(String platform) {
		this.platform = platform;
	}

}
