package dev.luayield.autoconfigure.jdbc;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;

/**
 * Creates the table of Lua scripts with the schema script for the database's platform, as
 * {@code lua.scripts.jdbc.initialize-schema} says. Declaring a bean of this type replaces
 * the one LuaYield would create.
 *
 * @since 0.1.0
 */
public class LuaScriptsDataSourceScriptDatabaseInitializer extends DataSourceScriptDatabaseInitializer {

	/**
	 * Creates an initializer.
	 * @param dataSource the database
	 * @param properties where the schema script is and when it runs
	 */
	public LuaScriptsDataSourceScriptDatabaseInitializer(DataSource dataSource, LuaScriptsJdbcProperties properties) {
		super(dataSource, settings(dataSource, properties));
	}

	private static DatabaseInitializationSettings settings(DataSource dataSource, LuaScriptsJdbcProperties properties) {
		PlatformPlaceholderDatabaseDriverResolver platforms = new PlatformPlaceholderDatabaseDriverResolver();
		List<String> locations = (properties.getPlatform() != null)
				? platforms.resolveAll(properties.getPlatform(), properties.getSchema())
				: platforms.resolveAll(dataSource, properties.getSchema());
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(locations);
		settings.setMode(properties.getInitializeSchema());
		return settings;
	}

}
