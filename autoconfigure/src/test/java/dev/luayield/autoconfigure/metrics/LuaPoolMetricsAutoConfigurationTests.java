package dev.luayield.autoconfigure.metrics;

import dev.luayield.LuaScriptRunner;
import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LuaPoolMetricsAutoConfiguration}: the pool's gauges come from
 * Micrometer's own commons-pool2 binder.
 */
class LuaPoolMetricsAutoConfigurationTests {

	@Test
	void whenAMeterRegistryExistsThenPoolMetricsAreBound() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LuaYieldAutoConfiguration.class, LuaPoolMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				context.getBean(LuaScriptRunner.class).eval("return 1");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(io.micrometer.core.instrument.binder.commonspool2.CommonsObjectPool2Metrics.class)
					.bindTo(registry);
				assertThat(registry.find("commons.pool2.num.idle").tag("name", "lua").gauge()).isNotNull();
				// The state just returned is parked, not back in commons-pool2's idle deque: the
				// gauges read LuaThreadPool's own counts through JMX.
				assertThat(registry.get("commons.pool2.num.idle").tag("name", "lua").gauge().value()).isEqualTo(1.0);
				assertThat(registry.get("commons.pool2.num.active").tag("name", "lua").gauge().value()).isZero();
				assertThat(registry.find("commons.pool2.created").tag("name", "lua").functionCounter()).isNotNull();
			});
	}

}
