package dev.luayield.autoconfigure.observation;

import java.time.Duration;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaTimeoutException;
import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import dev.luayield.autoconfigure.transaction.LuaTransactionAutoConfiguration;
import dev.luayield.observation.DefaultLuaScriptObservationConvention;
import dev.luayield.observation.LuaScriptObservationContext;
import dev.luayield.observation.LuaScriptObservationConvention;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LuaObservationAutoConfiguration}: the observations, their names and
 * tags, for every outcome.
 */
class LuaObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(LuaObservationAutoConfiguration.class, LuaYieldAutoConfiguration.class))
		.withBean(ObservationRegistry.class, TestObservationRegistry::create)
		.withBean("counter", Counter.class, Counter::new)
		.withPropertyValues("lua.limits.timeout=200ms", "lua.pool.max-total=1", "lua.pool.max-wait=100ms");

	@Test
	void whenScriptSucceedsThenInvocationAndEachCallAreObserved() {
		this.contextRunner.run((context) -> {
			context.getBean(LuaScriptRunner.class).eval("return counter:add(1, 2) + counter:add(3, 4)");
			TestObservationRegistryAssert.assertThat(registry(context))
				.hasNumberOfObservationsWithNameEqualTo("lua.script", 1)
				.hasNumberOfObservationsWithNameEqualTo("lua.endpoint.call", 2)
				.hasObservationWithNameEqualTo("lua.script")
				.that()
				.hasLowCardinalityKeyValue("script", "eval")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasBeenStopped();
			TestObservationRegistryAssert.assertThat(registry(context))
				.hasObservationWithNameEqualTo("lua.endpoint.call")
				.that()
				.hasLowCardinalityKeyValue("endpoint", "counter")
				.hasLowCardinalityKeyValue("method", "add")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasContextualNameEqualTo("counter.add")
				.hasParentObservationContextMatching((parent) -> parent instanceof LuaScriptObservationContext);
		});
	}

	@Test
	void whenAnInvocationHasAGrantThenItsObservationCarriesIt() {
		this.contextRunner.withPropertyValues("lua.permissions.eval=counter.add").run((context) -> {
			LuaScriptRunner runner = context.getBean(LuaScriptRunner.class);
			runner.eval("return counter:add(1, 2)");
			runner.with(LuaOptions.defaults().withEndpoints("counter")).eval("return counter:add(1, 2)");
			TestObservationRegistryAssert.assertThat(registry(context))
				.hasNumberOfObservationsWithNameEqualTo("lua.script", 2)
				.hasAnObservation((observation) -> observation.hasNameEqualTo("lua.script")
					.hasHighCardinalityKeyValue("grant", "counter.add"))
				.hasAnObservation((observation) -> observation.hasNameEqualTo("lua.script")
					.hasHighCardinalityKeyValue("grant", "counter"));
		});
	}

	@Test
	void whenAnInvocationHasNoGrantThenItsObservationSaysItMayCallEveryEndpoint() {
		this.contextRunner.run((context) -> {
			context.getBean(LuaScriptRunner.class).eval("return counter:add(1, 2)");
			TestObservationRegistryAssert.assertThat(registry(context))
				.hasObservationWithNameEqualTo("lua.script")
				.that()
				.hasHighCardinalityKeyValue("grant", "*");
		});
	}

	@Test
	void whenACallFailsThenItsOutcomeIsErrorEvenIfTheScriptCatchesIt() {
		this.contextRunner.run((context) -> {
			context.getBean(LuaScriptRunner.class)
				.eval("pcall(counter.fail, counter) pcall(counter.add, counter, 'x')");
			TestObservationRegistryAssert.assertThat(registry(context))
				.hasNumberOfObservationsWithNameEqualTo("lua.endpoint.call", 2)
				.forAllObservationsWithNameEqualTo("lua.endpoint.call",
						(observation) -> observation.hasLowCardinalityKeyValue("outcome", "error").hasError())
				.hasObservationWithNameEqualTo("lua.script")
				.that()
				.hasLowCardinalityKeyValue("outcome", "success");
		});
	}

	@Test
	void whenScriptFailsThenOutcomeIsError() {
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(LuaScriptException.class)
				.isThrownBy(() -> context.getBean(LuaScriptRunner.class).eval("error('boom')"));
			TestObservationRegistryAssert.assertThat(registry(context))
				.hasObservationWithNameEqualTo("lua.script")
				.that()
				.hasLowCardinalityKeyValue("outcome", "error")
				.hasError();
		});
	}

	@Test
	void whenScriptTimesOutThenOutcomeIsTimeout() {
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(LuaTimeoutException.class)
				.isThrownBy(() -> context.getBean(LuaScriptRunner.class).eval("while true do end"));
			TestObservationRegistryAssert.assertThat(registry(context))
				.hasObservationWithNameEqualTo("lua.script")
				.that()
				.hasLowCardinalityKeyValue("outcome", "timeout");
		});
	}

	@Test
	void whenNoStateIsFreeThenOutcomeIsRejected() {
		this.contextRunner.run((context) -> {
			LuaScriptRunner runner = context.getBean(LuaScriptRunner.class);
			Thread holder = new Thread(() -> runner.eval("counter:hold()"));
			holder.start();
			context.getBean(Counter.class).entered.await();
			try {
				assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runner.eval("return 1"));
			}
			finally {
				context.getBean(Counter.class).release.countDown();
				holder.join(Duration.ofSeconds(10).toMillis());
			}
			TestObservationRegistryAssert.assertThat(registry(context))
				.hasAnObservationWithAKeyValue("outcome", "rejected");
		});
	}

	@Test
	void whenAConventionBeanIsDeclaredThenItIsUsed() {
		this.contextRunner.withBean(LuaScriptObservationConvention.class, CustomConvention::new).run((context) -> {
			context.getBean(LuaScriptRunner.class).eval("return 1");
			TestObservationRegistryAssert.assertThat(registry(context))
				.hasObservationWithNameEqualTo("lua.script")
				.that()
				.hasLowCardinalityKeyValue("tenant", "acme");
		});
	}

	@Test
	void whenTransactionsAreOnThenTheObservationWrapsTheTransaction() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, LuaTransactionAutoConfiguration.class))
			.withPropertyValues("spring.datasource.generate-unique-name=true")
			.run((context) -> {
				assertThat(context.getBean(LuaScriptRunner.class).eval("return counter:in_transaction()"))
					.isEqualTo(true);
				TestObservationRegistryAssert.assertThat(registry(context))
					.hasObservationWithNameEqualTo("lua.script")
					.that()
					.hasBeenStopped();
			});
	}

	@Test
	void whenMicrometerIsMissingThenNothingIsObserved() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context)
				.doesNotHaveBean(dev.luayield.observation.ObservationInvocationInterceptor.class));
	}

	private static TestObservationRegistry registry(org.springframework.context.ApplicationContext context) {
		return (TestObservationRegistry) context.getBean(ObservationRegistry.class);
	}

	@LuaEndpoint
	static class Counter {

		final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);

		final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

		public int add(int a, int b) {
			return a + b;
		}

		public void fail() {
			throw new IllegalStateException("nope");
		}

		public void hold() throws InterruptedException {
			this.entered.countDown();
			this.release.await();
		}

		public boolean inTransaction() {
			return TransactionSynchronizationManager.isActualTransactionActive();
		}

	}

	static class CustomConvention extends DefaultLuaScriptObservationConvention {

		@Override
		public KeyValues getLowCardinalityKeyValues(LuaScriptObservationContext context) {
			return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
		}

	}

}
