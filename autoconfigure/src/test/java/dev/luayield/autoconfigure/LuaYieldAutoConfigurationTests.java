package dev.luayield.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.annotation.LuaMethod;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.runtime.InvalidLuaEndpointException;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import party.iroiro.luajava.luajit.LuaJit;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

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
