package dev.luayield.autoconfigure.jdbc;

import javax.sql.DataSource;

import dev.luayield.autoconfigure.LuaProperties;
import dev.luayield.scripts.jdbc.JdbcLuaScriptSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.autoconfigure.init.OnDatabaseInitializationCondition;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for named scripts in a database table, on with
 * {@code lua.scripts.jdbc.enabled=true}: a {@link JdbcLuaScriptSource} asked before the
 * script locations and, as for any library that owns a table, an initializer that can
 * create it. Enabled without a {@link DataSource}, the application fails to start rather
 * than silently run without the table's scripts.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ JdbcTemplate.class, DataSourceScriptDatabaseInitializer.class })
@ConditionalOnBooleanProperty("lua.scripts.jdbc.enabled")
@EnableConfigurationProperties({ LuaScriptsJdbcProperties.class, LuaProperties.class })
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class LuaScriptsJdbcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	JdbcLuaScriptSource luaJdbcScriptSource(DataSource dataSource, LuaScriptsJdbcProperties properties,
			LuaProperties luaProperties) {
		JdbcLuaScriptSource source = new JdbcLuaScriptSource(dataSource, properties.getTable());
		try {
			source.refresh();
		}
		catch (DataAccessException ex) {
			throw new IllegalStateException("Could not read the Lua scripts in table " + properties.getTable()
					+ " (lua.scripts.jdbc.enabled=true): " + ex.getMostSpecificCause().getMessage()
					+ ". Create the table (see docs/scripts.md) or let LuaYield create it with"
					+ " lua.scripts.jdbc.initialize-schema=always", ex);
		}
		source.watch(luaProperties.getScripts().getReloadInterval());
		return source;
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnLuaScriptsJdbcInitializationCondition.class)
	LuaScriptsDataSourceScriptDatabaseInitializer luaScriptsDataSourceScriptDatabaseInitializer(DataSource dataSource,
			LuaScriptsJdbcProperties properties) {
		return new LuaScriptsDataSourceScriptDatabaseInitializer(dataSource, properties);
	}

	static class OnLuaScriptsJdbcInitializationCondition extends OnDatabaseInitializationCondition {

		OnLuaScriptsJdbcInitializationCondition() {
			super("Lua scripts JDBC", "lua.scripts.jdbc.initialize-schema");
		}

	}

}
