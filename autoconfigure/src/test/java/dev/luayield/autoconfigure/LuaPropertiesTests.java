package dev.luayield.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LuaProperties}.
 */
class LuaPropertiesTests {

	@Test
	void defaultValuesAreConsistentWithCommonsPool() {
		LuaProperties.Pool pool = new LuaProperties().getPool();
		assertThat(pool.getMinIdle()).isEqualTo(GenericObjectPoolConfig.DEFAULT_MIN_IDLE);
		// Deliberately different: commons-pool2 waits
		// forever by default, a script caller must not.
		assertThat(GenericObjectPoolConfig.DEFAULT_MAX_WAIT).isNegative();
		assertThat(pool.getMaxWait()).isEqualTo(Duration.ofSeconds(5));
		assertThat(pool.getMinEvictableIdleTime())
			.isEqualTo(GenericObjectPoolConfig.DEFAULT_MIN_EVICTABLE_IDLE_DURATION);
		// Deliberately different: commons-pool2 runs no evictor
		// by default, so min-idle would only hold at start.
		assertThat(GenericObjectPoolConfig.DEFAULT_DURATION_BETWEEN_EVICTION_RUNS).isNegative();
		assertThat(pool.getTimeBetweenEvictionRuns()).isEqualTo(Duration.ofSeconds(30));
		// Deliberately different: both follow
		// max-total, which follows the processor count.
		assertThat(pool.getMaxTotal()).isNull();
		assertThat(pool.getMaxIdle()).isNull();
	}

	@Nested
	class PoolProperties {

		@Test
		void whenKebabCaseKeysAreBoundThenPoolSettingsAreSet() {
			LuaProperties properties = bind(Map.of("lua.pool.max-total", "4", "lua.pool.min-idle", "1",
					"lua.pool.max-idle", "3", "lua.pool.max-wait", "2s"));
			assertThat(properties.getPool().getMaxTotal()).isEqualTo(4);
			assertThat(properties.getPool().getMinIdle()).isEqualTo(1);
			assertThat(properties.getPool().getMaxIdle()).isEqualTo(3);
			assertThat(properties.getPool().getMaxWait()).isEqualTo(Duration.ofSeconds(2));
		}

		@Test
		void whenEvictionKeysAreBoundThenEvictionIsConfigured() {
			LuaProperties properties = bind(
					Map.of("lua.pool.time-between-eviction-runs", "10s", "lua.pool.min-evictable-idle-time", "5m"));
			assertThat(properties.getPool().getTimeBetweenEvictionRuns()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getPool().getMinEvictableIdleTime()).isEqualTo(Duration.ofMinutes(5));
		}

		@Test
		void whenNothingIsBoundThenMaxTotalIsLeftToTheProcessorCount() {
			assertThat(bind(Map.of()).getPool().getMaxTotal()).isNull();
		}

	}

	@Nested
	class ScriptAndSandboxProperties {

		@Test
		void whenLocationAndLibrariesAreBoundThenTheyAreSet() {
			LuaProperties properties = bind(Map.of("lua.scripts.location", "file:./scripts/",
					"lua.sandbox.allowed-libraries", "io,os", "lua.limits.calls", "10"));
			assertThat(properties.getScripts().getLocation()).isEqualTo("file:./scripts/");
			assertThat(properties.getSandbox().getAllowedLibraries()).isEqualTo(List.of("io", "os"));
			assertThat(properties.getLimits().getCalls()).isEqualTo(10);
		}

		@Test
		void whenLocationsAreBoundThenTheyAreKeptInOrderBesideTheLocation() {
			LuaProperties properties = bind(Map.of("lua.scripts.locations", "file:./scripts/,classpath:/lua/"));
			assertThat(properties.getScripts().getLocations()).containsExactly("file:./scripts/", "classpath:/lua/");
			assertThat(properties.getScripts().getLocation()).isEqualTo("classpath:/lua/");
		}

		@Test
		void whenReloadIsNotBoundThenItIsLeftToTheSources() {
			assertThat(bind(Map.of()).getScripts().getReload()).isNull();
			assertThat(bind(Map.of("lua.scripts.reload", "false")).getScripts().getReload()).isFalse();
		}

	}

	@Nested
	class PermissionProperties {

		@Test
		void whenPermissionsAreBoundThenEachPrefixHasItsListOfNames() {
			LuaProperties properties = bind(Map.of("lua.permissions.mods", "world, dice.*",
					"lua.permissions[mods/admin]", "world,clinic.find_owners", "lua.permissions.eval[0]", "dice"));
			assertThat(properties.getPermissions()).containsOnlyKeys("mods", "mods/admin", "eval");
			assertThat(properties.getPermissions().get("mods")).containsExactly("world", "dice.*");
			assertThat(properties.getPermissions().get("mods/admin")).containsExactly("world", "clinic.find_owners");
			assertThat(properties.getPermissions().get("eval")).containsExactly("dice");
		}

		@Test
		void whenAPermissionIsEmptyThenItGrantsNothing() {
			assertThat(bind(Map.of("lua.permissions.pure", "")).getPermissions().get("pure")).isEmpty();
		}

		@Test
		void whenNothingIsBoundThenNoScriptHasAGrant() {
			assertThat(bind(Map.of()).getPermissions()).isEmpty();
		}

	}

	private static LuaProperties bind(Map<String, String> values) {
		Binder binder = new Binder(new MapConfigurationPropertySource(values));
		return binder.bindOrCreate("lua", LuaProperties.class);
	}

}
