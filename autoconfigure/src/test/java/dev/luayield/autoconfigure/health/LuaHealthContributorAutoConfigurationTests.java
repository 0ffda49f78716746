package dev.luayield.autoconfigure.health;

import dev.luayield.LuaPoolExhaustedException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import dev.luayield.conversion.ValueReaders;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.engine.LuaVm;
import dev.luayield.health.LuaPoolHealthIndicator;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.pool.LuaVmFactory;
import dev.luayield.sandbox.LuaVmSettings;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.convert.support.DefaultConversionService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LuaHealthContributorAutoConfiguration} and
 * {@link LuaPoolHealthIndicator}.
 */
class LuaHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(LuaYieldAutoConfiguration.class, LuaHealthContributorAutoConfiguration.class))
		.withBean("gate", Gate.class, Gate::new)
		.withPropertyValues("lua.pool.max-total=1", "lua.pool.max-wait=100ms");

	@Test
	void whenPoolHasRoomThenHealthIsUpWithDetails() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LuaPoolHealthIndicator.class).hasBean("luaHealthIndicator");
			Health health = context.getBean(LuaPoolHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("maxTotal", 1)
				.containsKeys("active", "idle", "waiters", "created", "destroyed", "maxWait");
		});
	}

	@Test
	void whenThePoolIsSaturatedThenHealthIsUpWithTheSaturationInTheDetails() {
		this.contextRunner.run((context) -> {
			LuaScriptRunner runner = context.getBean(LuaScriptRunner.class);
			Gate gate = context.getBean(Gate.class);
			Thread holder = new Thread(() -> runner.eval("gate:hold()"));
			holder.start();
			gate.entered.await();
			try {
				assertThatExceptionOfType(LuaPoolExhaustedException.class).isThrownBy(() -> runner.eval("return 1"));
				Health health = context.getBean(LuaPoolHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("active", 1)
					.containsEntry("saturated", true)
					.containsKeys("waiters", "lastExhausted");
			}
			finally {
				gate.release.countDown();
				holder.join(10_000);
			}
			Health health = context.getBean(LuaPoolHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("saturated", false);
		});
	}

	@Test
	void whenNoStateCanBeCreatedThenHealthIsDownWithTheFailure() throws Exception {
		FailingFactory factory = new FailingFactory();
		GenericObjectPoolConfig<LuaVm> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(2);
		config.setJmxEnabled(false);
		try (LuaThreadPool pool = new LuaThreadPool(factory, config)) {
			LuaPoolHealthIndicator indicator = new LuaPoolHealthIndicator(pool);
			factory.failing = true;
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(pool::borrowObject);
			Health down = indicator.health(true);
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsKey("error");
			factory.failing = false;
			assertThat(indicator.health(true).getStatus()).as("a state can be created again").isEqualTo(Status.UP);
		}
	}

	@Test
	void whenIndicatorIsDisabledThenThereIsNone() {
		this.contextRunner.withPropertyValues("management.health.lua.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LuaPoolHealthIndicator.class));
	}

	@LuaEndpoint
	static class Gate {

		final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);

		final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

		public void hold() throws InterruptedException {
			this.entered.countDown();
			this.release.await();
		}

	}

	static class FailingFactory extends LuaVmFactory {

		volatile boolean failing;

		FailingFactory() {
			super(() -> DispatchTable.build(java.util.List.of(), new ValueReaders(new DefaultConversionService())),
					LuaVmSettings.defaults());
		}

		@Override
		public LuaVm create() {
			if (this.failing) {
				throw new IllegalStateException("no natives today");
			}
			return super.create();
		}

	}

}
