package dev.luayield.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import dev.luayield.LuaOptions;
import dev.luayield.LuaPoolExhaustedException;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.annotation.LuaMethod;
import dev.luayield.autoconfigure.scan.clash.ClinicOne;
import dev.luayield.autoconfigure.scan.single.ClinicEndpoint;
import dev.luayield.endpoint.InvalidLuaEndpointException;
import dev.luayield.endpoint.LuaEndpointRegistry;
import dev.luayield.engine.LuaVm;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.pool.LuaVmFactory;
import dev.luayield.sandbox.LuaVmSettings;
import dev.luayield.scripts.ScriptRepository;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import party.iroiro.luajava.luajit.LuaJit;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link LuaYieldAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LuaYieldAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LuaYieldAutoConfiguration.class));

	@Test
	void whenLuaJitIsMissingThenAutoConfigurationBacksOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(LuaJit.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LuaScriptRunner.class)
				.doesNotHaveBean(LuaThreadPool.class));
	}

	@Test
	void whenCommonsPoolIsMissingThenAutoConfigurationBacksOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(GenericObjectPool.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LuaScriptRunner.class));
	}

	@Test
	void whenAConfiguredPermissionNamesAnUnknownEndpointThenStartUpFailsNamingIt() {
		this.contextRunner.withUserConfiguration(ClinicEndpoint.class)
			.withPropertyValues("lua.permissions.mods=clinic,wrold")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessage("lua.permissions.mods grants 'wrold', but there is no endpoint 'wrold'"
							+ " (endpoints: clinic)");
			});
	}

	@Test
	void whenPermissionsAreConfiguredThenNamedScriptsUnderThePrefixRunWithTheirGrant() {
		this.contextRunner.withUserConfiguration(ClinicEndpoint.class)
			.withPropertyValues("lua.permissions.eval=")
			.run((context) -> {
				LuaScriptRunner runner = context.getBean(LuaScriptRunner.class);
				assertThatExceptionOfType(LuaScriptException.class)
					.isThrownBy(() -> runner.eval("return clinic:visits()"))
					.withMessage("eval:1: attempt to index global 'clinic' (a nil value)");
				assertThat(runner.with(LuaOptions.defaults().withEndpoints("clinic")).eval("return clinic ~= nil"))
					.isEqualTo(true);
			});
	}

	@Test
	void whenAScriptDoesNotCompileThenStartUpFailsNamingTheScriptAndItsLine() {
		this.contextRunner.withPropertyValues("lua.scripts.location=classpath:/lua-broken/").run((context) -> {
			assertThat(context).hasFailed();
			Throwable root = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
			assertThat(root).isInstanceOf(LuaScriptException.class).hasMessageContaining("lib/broken.lua:1:");
			assertThat(((LuaScriptException) root).getScriptName()).isEqualTo("lib/broken");
			assertThat(((LuaScriptException) root).getLine()).isEqualTo(1);
		});
	}

	@Test
	void whenValidateModeIsWarnThenABrokenScriptIsLoggedAndStartUpGoesOn(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("lua.scripts.location=classpath:/lua-broken/", "lua.scripts.validate-mode=warn")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("lib/broken.lua:1:");
				assertThat(context.getBean(LuaScriptRunner.class).run("fine")).isEqualTo(1L);
			});
	}

	@Test
	void whenValidationIsOffThenABrokenScriptDoesNotStopStartUp() {
		this.contextRunner
			.withPropertyValues("lua.scripts.location=classpath:/lua-broken/", "lua.scripts.validate=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void whenNothingIsConfiguredThenRunnerAndPoolUseDefaults() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LuaScriptRunner.class).hasSingleBean(LuaThreadPool.class);
			LuaThreadPool pool = context.getBean(LuaThreadPool.class);
			assertThat(pool.getMaxTotal()).isEqualTo(Runtime.getRuntime().availableProcessors());
			assertThat(pool.getMaxIdle()).isEqualTo(pool.getMaxTotal());
			assertThat(pool.getMinIdle()).isZero();
			assertThat(pool.getMaxWaitDuration()).isEqualTo(Duration.ofSeconds(5));
			assertThat(context.getBean(LuaScriptRunner.class).eval("return 1 + 1")).isEqualTo(2L);
		});
	}

	@Test
	void whenPoolPropertiesAreSetThenPoolIsConfigured() {
		this.contextRunner
			.withPropertyValues("lua.pool.max-total=3", "lua.pool.min-idle=2", "lua.pool.max-idle=2",
					"lua.pool.max-wait=250ms")
			.run((context) -> {
				LuaThreadPool pool = context.getBean(LuaThreadPool.class);
				assertThat(pool.getMaxTotal()).isEqualTo(3);
				assertThat(pool.getMinIdle()).isEqualTo(2);
				assertThat(pool.getMaxIdle()).isEqualTo(2);
				assertThat(pool.getMaxWaitDuration()).isEqualTo(Duration.ofMillis(250));
				assertThat(pool.getNumIdle()).as("min-idle states are ready at start").isEqualTo(2);
			});
	}

	@Test
	void whenScriptLocationIsSetThenNamedScriptsComeFromThere() {
		this.contextRunner.withPropertyValues("lua.scripts.location=classpath:/other-lua/")
			.run((context) -> assertThat(context.getBean(LuaScriptRunner.class).run("answer")).isEqualTo(42L));
	}

	@Test
	void whenUserDefinesRunnerThenAutoConfigurationBacksOff() {
		this.contextRunner.withUserConfiguration(CustomRunnerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(LuaScriptRunner.class);
			assertThat(context.getBean(LuaScriptRunner.class)).isSameAs(CustomRunnerConfiguration.RUNNER);
		});
	}

	@Test
	void whenUserDefinesPoolThenTheRunnerRunsOnIt() {
		this.contextRunner.withUserConfiguration(CustomPoolConfiguration.class, EndpointConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(LuaThreadPool.class);
				LuaThreadPool pool = context.getBean(LuaThreadPool.class);
				assertThat(pool.getMaxTotal()).isEqualTo(1);
				long leases = pool.getLeaseCount();
				assertThat(context.getBean(LuaScriptRunner.class).eval("return counter:add(2, 3)")).isEqualTo(5L);
				assertThat(pool.getLeaseCount()).isEqualTo(leases + 1);
			});
	}

	@Test
	void whenUserDefinesScriptRepositoryThenNamedScriptsComeFromIt() {
		this.contextRunner.withUserConfiguration(CustomScriptsConfiguration.class)
			.run((context) -> assertThat(context.getBean(LuaScriptRunner.class).run("answer")).isEqualTo(42L));
	}

	@Test
	void whenEndpointIsDefinedThenScriptsCallIt() {
		this.contextRunner.withUserConfiguration(EndpointConfiguration.class)
			.run((context) -> assertThat(context.getBean(LuaScriptRunner.class).eval("return counter:add(2, 3)"))
				.isEqualTo(5L));
	}

	@Test
	void whenTwoMethodsShareALuaNameThenStartFailsNamingThem() {
		this.contextRunner.withBean("clash", ClashingEndpoint.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidLuaEndpointException.class)
				.hasMessageContaining(ClashingEndpoint.class.getName() + ".getHp()")
				.hasMessageContaining(ClashingEndpoint.class.getName() + ".hp()")
				.hasMessageContaining("'clash.get_hp'");
		});
	}

	@Test
	void whenTwoEndpointsClaimOneGlobalThenStartFails() {
		this.contextRunner.withUserConfiguration(SameGlobalConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidLuaEndpointException.class)
				.hasMessageContaining("both claim the Lua global 'shared'");
		});
	}

	@Test
	void whenParameterTypeIsUnsupportedThenStartFailsNamingTheMethod() {
		this.contextRunner.withBean("odd", UnsupportedParameterEndpoint.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidLuaEndpointException.class)
				.hasMessageContaining(UnsupportedParameterEndpoint.class.getName() + ".take(")
				.hasMessageContaining("parameter 1 of unsupported type");
		});
	}

	@Test
	void whenEndpointIsTransactionalThenCallsGoThroughTheProxy() {
		this.contextRunner.withUserConfiguration(TransactionalEndpointConfiguration.class).run((context) -> {
			LuaScriptRunner runner = context.getBean(LuaScriptRunner.class);
			assertThat(runner.eval("return tx:in_transaction()")).isEqualTo(true);
		});
	}

	@Test
	void whenEndpointCallsTheRunnerThenNestedInvocationWorks() {
		this.contextRunner.withUserConfiguration(ReentrantEndpointConfiguration.class)
			.withPropertyValues("lua.pool.max-total=2")
			.run((context) -> assertThat(context.getBean(LuaScriptRunner.class).eval("return nested:twice(21)"))
				.isEqualTo(42L));
	}

	@Test
	void whenContextClosesThenPoolIsClosed() {
		LuaThreadPool[] pool = new LuaThreadPool[1];
		this.contextRunner.run((context) -> {
			pool[0] = context.getBean(LuaThreadPool.class);
			context.getBean(LuaScriptRunner.class).eval("return 1");
			assertThat(pool[0].getNumIdle()).isEqualTo(1);
		});
		assertThat(pool[0].isClosed()).isTrue();
		assertThat(pool[0].getDestroyedCount()).isEqualTo(pool[0].getCreatedCount());
	}

	@Test
	void whenTheApplicationInjectsAConversionServiceByTypeThenLuaYieldsIsNoCandidate() {
		this.contextRunner.withUserConfiguration(ConversionServiceUserConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasBean("luaConversionService");
			assertThat(context.getBean(ConversionServiceUser.class).conversionService)
				.isSameAs(context.getBean("mvcConversionService"));
			assertThat(context.getBean(LuaScriptRunner.class).eval("return 1")).isEqualTo(1L);
		});
	}

	@Test
	void whenLuaYieldDeclaresABeanOfAGeneralTypeThenItIsNoCandidateForByTypeInjection() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LuaYieldAutoConfiguration.class,
					dev.luayield.autoconfigure.metrics.LuaPoolMetricsAutoConfiguration.class,
					dev.luayield.autoconfigure.health.LuaHealthContributorAutoConfiguration.class,
					dev.luayield.autoconfigure.actuate.LuaActuatorEndpointAutoConfiguration.class))
			.withBean(io.micrometer.core.instrument.MeterRegistry.class,
					io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
			.withPropertyValues("management.endpoints.web.exposure.include=lua")
			.run((context) -> {
				var beanFactory = context.getBeanFactory();
				int checked = 0;
				for (String name : beanFactory.getBeanDefinitionNames()) {
					var definition = beanFactory.getBeanDefinition(name);
					String declaredBy = (definition.getFactoryBeanName() != null) ? definition.getFactoryBeanName()
							: definition.getBeanClassName();
					Class<?> type = context.getType(name);
					if (declaredBy == null || !declaredBy.startsWith("dev.luayield.") || type == null
							|| type.getName().startsWith("dev.luayield.")) {
						continue;
					}
					checked++;
					assertThat(((org.springframework.beans.factory.support.AbstractBeanDefinition) definition)
						.isDefaultCandidate()).as("%s (%s)", name, type.getName()).isFalse();
				}
				assertThat(checked).isPositive();
			});
	}

	@Test
	void whenAnEndpointOfOneRunnerCallsAnotherRunnerThenEachPoolCountsItsOwnStates() {
		this.contextRunner.withPropertyValues("lua.pool.max-total=1").run((inner) -> {
			LuaScriptRunner innerRunner = inner.getBean(LuaScriptRunner.class);
			this.contextRunner.withPropertyValues("lua.pool.max-total=1")
				.withBean("bridge", Bridge.class, () -> new Bridge(innerRunner))
				.run((outer) -> assertThat(outer.getBean(LuaScriptRunner.class).eval("return bridge:twice(21)"))
					.isEqualTo(42L));
		});
	}

	@Test
	void whenTwoScannedEndpointsClaimOneGlobalThenStartFailsWithLuaYieldsAnalysis() {
		this.contextRunner.withUserConfiguration(ClashingScanConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
				.isInstanceOf(InvalidLuaEndpointException.class)
				.hasMessageContaining("both claim the Lua global 'clinic'");
			FailureAnalysis analysis = analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getAction()).contains("@LuaEndpoint(\"...\")");
		});
	}

	@Test
	void whenTwoBeanMethodEndpointsClaimOneGlobalThenStartFailsWithTheSameAnalysis() {
		this.contextRunner.withUserConfiguration(SameGlobalConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("both claim the Lua global 'shared'");
		});
	}

	@Test
	void whenAnUnrelatedBeanHasTheLuaNameOfAScannedEndpointThenBothExist() {
		this.contextRunner.withUserConfiguration(SingleScanConfiguration.class)
			.withBean("clinic", String.class, () -> "an unrelated bean")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ClinicEndpoint.class);
				assertThat(context.getBean("clinic")).isEqualTo("an unrelated bean");
				assertThat(context.getBean(LuaScriptRunner.class).eval("return clinic:visits()")).isEqualTo(3L);
			});
	}

	@Test
	void whenAThreadIsInterruptedWhileWaitingForAStateThenItIsToldSoAndKeepsItsFlag() {
		this.contextRunner.withPropertyValues("lua.pool.max-total=1", "lua.pool.max-wait=10s")
			.withBean("gate", Gate.class, Gate::new)
			.run((context) -> {
				LuaScriptRunner runner = context.getBean(LuaScriptRunner.class);
				Gate gate = context.getBean(Gate.class);
				Thread holder = new Thread(() -> runner.eval("gate:hold()"));
				holder.start();
				assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
				AtomicReference<Throwable> failure = new AtomicReference<>();
				AtomicReference<Boolean> interrupted = new AtomicReference<>();
				Thread waiter = new Thread(() -> {
					try {
						runner.eval("return 1");
					}
					catch (Throwable ex) {
						failure.set(ex);
					}
					interrupted.set(Thread.currentThread().isInterrupted());
				});
				try {
					waiter.start();
					await().atMost(java.time.Duration.ofSeconds(5))
						.until(() -> context.getBean(LuaThreadPool.class).getNumWaiters() == 1);
					waiter.interrupt();
					waiter.join(5_000);
				}
				finally {
					gate.release.countDown();
					holder.join(10_000);
				}
				assertThat(failure.get()).isInstanceOf(LuaPoolExhaustedException.class)
					.hasMessageContaining("interrupted");
				assertThat(interrupted.get()).isTrue();
			});
	}

	@Test
	void whenMinIdleIsSetThenTheEvictorKeepsThatManyStatesReady() {
		this.contextRunner
			.withPropertyValues("lua.pool.max-total=3", "lua.pool.min-idle=2",
					"lua.pool.time-between-eviction-runs=50ms")
			.run((context) -> {
				LuaThreadPool pool = context.getBean(LuaThreadPool.class);
				assertThat(pool.getDurationBetweenEvictionRuns()).isEqualTo(Duration.ofMillis(50));
				pool.clear();
				assertThat(pool.getNumIdle()).isZero();
				await().atMost(Duration.ofSeconds(5)).until(() -> pool.getNumIdle() == 2);
			});
	}

	@Test
	void whenMaxIdleIsSetThenABurstLeavesNoMoreIdleStatesThanThat() throws Exception {
		this.contextRunner.withPropertyValues("lua.pool.max-total=4", "lua.pool.max-idle=1")
			.withBean("gate", Gate.class, () -> new Gate(4))
			.run((context) -> {
				LuaScriptRunner runner = context.getBean(LuaScriptRunner.class);
				Gate gate = context.getBean(Gate.class);
				Thread[] burst = new Thread[4];
				for (int i = 0; i < burst.length; i++) {
					burst[i] = new Thread(() -> runner.eval("gate:hold()"));
					burst[i].start();
				}
				assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
				gate.release.countDown();
				for (Thread thread : burst) {
					thread.join(10_000);
				}
				LuaThreadPool pool = context.getBean(LuaThreadPool.class);
				assertThat(pool.getNumActive()).isZero();
				assertThat(pool.getNumIdle()).isEqualTo(1);
				assertThat(pool.getDestroyedCount()).isEqualTo(3);
			});
	}

	private static FailureAnalysis analyze(Throwable failure) {
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler
				.logging(org.apache.commons.logging.LogFactory.getLog(LuaYieldAutoConfigurationTests.class)))) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

	@Configuration(proxyBeanMethods = false)
	static class ConversionServiceUserConfiguration {

		@Bean
		ConversionService mvcConversionService() {
			return new DefaultFormattingConversionService();
		}

		@Bean
		ConversionServiceUser conversionServiceUser(ConversionService conversionService) {
			return new ConversionServiceUser(conversionService);
		}

	}

	static class ConversionServiceUser {

		final ConversionService conversionService;

		ConversionServiceUser(ConversionService conversionService) {
			this.conversionService = conversionService;
		}

	}

	@LuaEndpoint
	static class Bridge {

		private final LuaScriptRunner other;

		Bridge(LuaScriptRunner other) {
			this.other = other;
		}

		public long twice(long value) {
			return this.other.eval("return ... * 2", Long.class, value);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ComponentScan(basePackageClasses = ClinicOne.class)
	static class ClashingScanConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ComponentScan(basePackageClasses = ClinicEndpoint.class)
	static class SingleScanConfiguration {

	}

	@LuaEndpoint
	static class Gate {

		final CountDownLatch entered;

		final CountDownLatch release = new CountDownLatch(1);

		Gate() {
			this(1);
		}

		Gate(int holders) {
			this.entered = new CountDownLatch(holders);
		}

		public void hold() throws InterruptedException {
			this.entered.countDown();
			this.release.await();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomRunnerConfiguration {

		static final LuaScriptRunner RUNNER = org.mockito.Mockito.mock(LuaScriptRunner.class);

		@Bean
		LuaScriptRunner customRunner() {
			return RUNNER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EndpointConfiguration {

		@Bean
		Counter counter() {
			return new Counter();
		}

	}

	@LuaEndpoint
	static class Counter {

		public int add(int a, int b) {
			return a + b;
		}

	}

	@LuaEndpoint
	static class ClashingEndpoint {

		public int getHp() {
			return 1;
		}

		@LuaMethod("get_hp")
		public int hp() {
			return 2;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SameGlobalConfiguration {

		@Bean
		SharedOne sharedOne() {
			return new SharedOne();
		}

		@Bean
		SharedTwo sharedTwo() {
			return new SharedTwo();
		}

	}

	@LuaEndpoint("shared")
	static class SharedOne {

		public int one() {
			return 1;
		}

	}

	@LuaEndpoint("shared")
	static class SharedTwo {

		public int two() {
			return 2;
		}

	}

	@LuaEndpoint
	static class UnsupportedParameterEndpoint {

		public void take(java.io.InputStream input) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class TransactionalEndpointConfiguration {

		@Bean
		DataSource dataSource() {
			return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		TransactionalEndpoint tx() {
			return new TransactionalEndpoint();
		}

	}

	@LuaEndpoint
	static class TransactionalEndpoint {

		@Transactional
		public boolean inTransaction() {
			return TransactionSynchronizationManager.isActualTransactionActive();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomPoolConfiguration {

		@Bean
		LuaThreadPool luaThreadPool(LuaEndpointRegistry registry) {
			GenericObjectPoolConfig<LuaVm> config = new GenericObjectPoolConfig<>();
			config.setMaxTotal(1);
			config.setJmxEnabled(false);
			return new LuaThreadPool(new LuaVmFactory(registry, LuaVmSettings.defaults()), config);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomScriptsConfiguration {

		@Bean
		ScriptRepository luaScriptRepository() {
			return new ScriptRepository(new DefaultResourceLoader(), "classpath:/other-lua/");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReentrantEndpointConfiguration {

		@Bean
		NestedEndpoint nested(@Lazy LuaScriptRunner runner) {
			return new NestedEndpoint(runner);
		}

	}

	@LuaEndpoint
	static class NestedEndpoint {

		private final LuaScriptRunner runner;

		NestedEndpoint(LuaScriptRunner runner) {
			this.runner = runner;
		}

		public long twice(long value) {
			return this.runner.eval("return ... * 2", Long.class, value);
		}

	}

}
