package dev.luayield.autoconfigure.metrics;

import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import dev.luayield.pool.LuaThreadPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.commonspool2.CommonsObjectPool2Metrics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * for the pool's metrics, through Micrometer's own commons-pool2 binder (which reads the
 * pool's JMX bean, registered as {@code org.apache.commons.pool2:type=GenericObjectPool,name=lua}).
 */
@AutoConfiguration(after = LuaYieldAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, CommonsObjectPool2Metrics.class })
@ConditionalOnBean({ MeterRegistry.class, LuaThreadPool.class })
public final class LuaPoolMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CommonsObjectPool2Metrics commonsObjectPool2Metrics() {
		return new CommonsObjectPool2Metrics(Tags.empty());
	}

}
