package dev.luayield.autoconfigure.metrics;

import java.util.List;

import dev.luayield.LuaScriptRunner;
import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LuaPoolMetricsAutoConfiguration}: gauges for LuaYield's own pool, and
 * for no other commons-pool2 pool.
 */
class LuaPoolMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(LuaYieldAutoConfiguration.class, LuaPoolMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void whenAMeterRegistryExistsThenPoolMetricsAreBound() {
		this.contextRunner.withPropertyValues("lua.pool.max-total=3").run((context) -> {
			context.getBean(LuaScriptRunner.class).eval("return 1");
			MeterRegistry registry = bindAll(context.getBeansOfType(MeterBinder.class).values());
			// The state just returned is parked, not back in commons-pool2's
			// idle deque: the gauges read LuaThreadPool's own counts.
			assertThat(registry.get("lua.pool.idle").tag("name", "lua").gauge().value()).isEqualTo(1.0);
			assertThat(registry.get("lua.pool.active").tag("name", "lua").gauge().value()).isZero();
			assertThat(registry.get("lua.pool.waiters").tag("name", "lua").gauge().value()).isZero();
			assertThat(registry.get("lua.pool.max").tag("name", "lua").gauge().value()).isEqualTo(3.0);
			assertThat(registry.get("lua.pool.created").tag("name", "lua").functionCounter().count()).isEqualTo(1.0);
			assertThat(registry.get("lua.pool.destroyed").tag("name", "lua").functionCounter()).isNotNull();
		});
	}

	@Test
	void whenAnotherLibraryRegistersACommonsPoolThenItIsNotBound() throws Exception {
		GenericObjectPoolConfig<Object> config = new GenericObjectPoolConfig<>();
		config.setJmxEnabled(true);
		config.setJmxNamePrefix("otherLibrary");
		try (GenericObjectPool<Object> other = new GenericObjectPool<>(new PlainFactory(), config)) {
			other.addObject();
			this.contextRunner.run((context) -> {
				MeterRegistry registry = bindAll(context.getBeansOfType(MeterBinder.class).values());
				List<Meter> foreign = registry.getMeters()
					.stream()
					.filter((meter) -> meter.getId().getName().startsWith("commons.pool2")
							|| String.valueOf(meter.getId().getTag("name")).startsWith("otherLibrary"))
					.toList();
				assertThat(foreign).isEmpty();
				assertThat(registry.find("lua.pool.idle").gauges()).hasSize(1);
			});
		}
	}

	private static MeterRegistry bindAll(Iterable<MeterBinder> binders) {
		MeterRegistry registry = new SimpleMeterRegistry();
		binders.forEach((binder) -> binder.bindTo(registry));
		return registry;
	}

	static class PlainFactory extends BasePooledObjectFactory<Object> {

		@Override
		public Object create() {
			return new Object();
		}

		@Override
		public PooledObject<Object> wrap(Object object) {
			return new DefaultPooledObject<>(object);
		}

	}

}
