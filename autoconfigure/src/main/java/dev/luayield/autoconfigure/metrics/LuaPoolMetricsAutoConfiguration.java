package dev.luayield.autoconfigure.metrics;

import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import dev.luayield.metrics.LuaPoolMetrics;
import dev.luayield.pool.LuaThreadPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the metrics of LuaYield's pool of Lua states
 * ({@code lua.pool.*}, tagged {@code name=lua}). It binds that pool only, as Spring Boot
 * binds its data-source pools, and leaves other commons-pool2 pools in the application
 * alone.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = LuaYieldAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, LuaThreadPool.class })
public final class LuaPoolMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LuaPoolMetrics luaPoolMetrics(LuaThreadPool luaThreadPool) {
		return new LuaPoolMetrics(luaThreadPool, "lua", Tags.empty());
	}

}
