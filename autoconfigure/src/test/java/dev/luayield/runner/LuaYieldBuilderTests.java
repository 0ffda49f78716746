package dev.luayield.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.luayield.InvocationInterceptor;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.autoconfigure.LuaProperties;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.endpoint.InvalidLuaEndpointException;
import dev.luayield.engine.LuaVm;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.scripts.ScriptRepository;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link LuaYield}: a runner and its pool with no Spring context at all, and in
 * a plain Spring one.
 */
class LuaYieldBuilderTests {

	@Test
	void whenBuiltWithoutSpringThenAScriptCallsAnAnnotatedAndANamedEndpoint() {
		try (LuaYield lua = LuaYield.builder().endpoint(new Bank()).endpoint("world", new World()).build()) {
			assertThat(lua.runner().eval("return bank:balance('ann') + world:get_hp(1)", Long.class)).isEqualTo(145L);
		}
	}

	@Test
	void whenAnAnnotatedEndpointNamesNoGlobalThenItIsReachedUnderItsScannedBeanName() {
		try (LuaYield lua = LuaYield.builder().endpoint(new Inventory()).build()) {
			assertThat(lua.runner().eval("return inventory:count('potion')")).isEqualTo(3L);
		}
	}

	@Test
	void whenNamedScriptsAreRunThenTheyComeFromTheLocation() {
		try (LuaYield lua = LuaYield.builder().scripts("classpath:/other-lua/").build()) {
			assertThat(lua.runner().run("answer")).isEqualTo(42L);
		}
	}

	@Test
	void whenTheEndpointIsAProxyThenItsUserClassIsExposedAndCallsGoThroughTheAdvice() {
		AtomicInteger advised = new AtomicInteger();
		ProxyFactory factory = new ProxyFactory(new Bank());
		factory.setProxyTargetClass(true);
		factory.addAdvice((MethodInterceptor) (invocation) -> {
			if (invocation.getMethod().getName().equals("balance")) {
				advised.incrementAndGet();
			}
			return invocation.proceed();
		});
		try (LuaYield lua = LuaYield.builder().endpoint(factory.getProxy()).build()) {
			assertThat(lua.runner().eval("return bank:balance('ann')")).isEqualTo(100L);
		}
		assertThat(advised).hasValue(1);
	}

	@Test
	void whenInterceptorsAreAddedThenTheFirstIsOutermost() {
		List<String> order = new ArrayList<>();
		InvocationInterceptor outer = (script, options, invocation) -> {
			order.add("outer");
			return invocation.get();
		};
		InvocationInterceptor inner = (script, options, invocation) -> {
			order.add("inner");
			return invocation.get();
		};
		try (LuaYield lua = LuaYield.builder().interceptor(outer).interceptor(inner).build()) {
			assertThat(lua.runner().eval("return 1")).isEqualTo(1L);
		}
		assertThat(order).containsExactly("outer", "inner");
	}

	@Test
	void whenNothingIsSetThenThePoolHasTheDefaultsOfTheProperties() {
		LuaProperties.Pool properties = new LuaProperties().getPool();
		try (LuaYield lua = LuaYield.builder().build()) {
			LuaThreadPool pool = lua.pool();
			assertThat(pool.getMaxTotal()).isEqualTo(Runtime.getRuntime().availableProcessors());
			assertThat(pool.getMaxIdle()).isEqualTo(pool.getMaxTotal());
			assertThat(pool.getMinIdle()).isEqualTo(properties.getMinIdle());
			assertThat(pool.getMaxWaitDuration()).isEqualTo(properties.getMaxWait());
			assertThat(pool.getDurationBetweenEvictionRuns()).isEqualTo(properties.getTimeBetweenEvictionRuns());
			assertThat(pool.getMinEvictableIdleDuration()).isEqualTo(properties.getMinEvictableIdleTime());
			assertThat(pool.getJmxName()).isNull();
			assertThat(pool.getCreatedCount()).as("states are made on first use").isZero();
		}
	}

	@Test
	void whenPoolSizeIsSetThenThePoolHoldsThatManyStatesAtMost() {
		try (LuaYield lua = LuaYield.builder().poolSize(3).build()) {
			assertThat(lua.pool().getMaxTotal()).isEqualTo(3);
			assertThat(lua.pool().getMaxIdle()).isEqualTo(3);
		}
	}

	@Test
	void whenClosedThenThePoolItMadeIsClosed() {
		LuaYield lua = LuaYield.builder().build();
		lua.runner().eval("return 1");
		lua.close();
		assertThat(lua.pool().isClosed()).isTrue();
		assertThat(lua.pool().getDestroyedCount()).isEqualTo(lua.pool().getCreatedCount());
	}

	@Test
	void whenAPoolIsGivenThenTheRunnerRunsOnItAndLeavesItOpen() {
		try (TestRuntime runtime = new TestRuntime(1, TestRuntime.endpoint("world", new World()))) {
			DispatchTable table = runtime.table;
			LuaYield lua = LuaYield.builder().pool(runtime.pool).endpoints(() -> table).build();
			assertThat(lua.pool()).isSameAs(runtime.pool);
			assertThat(lua.runner().eval("return world:get_hp(2)")).isEqualTo(100L);
			lua.close();
			assertThat(runtime.pool.isClosed()).isFalse();
		}
	}

	@Test
	void whenTheRunnerIsABeanOfAPlainSpringContextThenItRunsAndClosesWithIt() {
		LuaThreadPool pool;
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				PlainSpringConfiguration.class)) {
			assertThat(context.getBean(LuaScriptRunner.class).eval("return bank:balance('bob')")).isEqualTo(7L);
			pool = context.getBean(LuaYield.class).pool();
			assertThat(pool.isClosed()).isFalse();
		}
		assertThat(pool.isClosed()).isTrue();
	}

	@Test
	void whenPermissionsAreGivenThenScriptsUnderThePrefixRunWithTheirGrant() {
		try (LuaYield lua = LuaYield.builder()
			.endpoint(new Bank())
			.endpoint("world", new World())
			.permissions(Map.of("eval", List.of("bank.balance")))
			.build()) {
			assertThat(lua.runner().eval("return bank:balance('ann')", Long.class)).isEqualTo(100L);
			assertThatExceptionOfType(LuaScriptException.class)
				.isThrownBy(() -> lua.runner().eval("return world:get_hp(1)"))
				.withMessage("eval:1: attempt to index global 'world' (a nil value)");
		}
	}

	@Test
	void whenAPermissionNamesAnUnknownEndpointThenBuildFailsNamingIt() {
		LuaYield.Builder builder = LuaYield.builder()
			.endpoint(new Bank())
			.permissions(Map.of("mods", List.of("bank", "wrold")));
		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessage("lua.permissions.mods grants 'wrold', but there is no endpoint 'wrold' (endpoints: bank)");
	}

	@Test
	void whenAPermissionHasABlankPrefixOrNoNamesThenItIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LuaYield.builder().permissions(Map.of(" ", List.of("bank"))))
			.withMessageStartingWith("permissions(...): the prefix ' ' is blank");
		Map<String, List<String>> none = new HashMap<>();
		none.put("mods", null);
		assertThatIllegalArgumentException().isThrownBy(() -> LuaYield.builder().permissions(none))
			.withMessageStartingWith("permissions(...): the names for 'mods' are null");
	}

	@Test
	void whenABeanWithoutTheAnnotationIsGivenWithoutANameThenTheMessageSaysWhatToDo() {
		assertThatIllegalArgumentException().isThrownBy(() -> LuaYield.builder().endpoint(new World()))
			.withMessage("endpoint(bean): dev.luayield.runner.World is not annotated with @LuaEndpoint; annotate it,"
					+ " or name its Lua global with endpoint(\"name\", bean)");
	}

	@Test
	void whenTwoEndpointsClaimOneGlobalThenBuildFailsAsTheDispatchTableDoes() {
		LuaYield.Builder builder = LuaYield.builder().endpoint(new Bank()).endpoint("bank", new World());
		assertThatExceptionOfType(InvalidLuaEndpointException.class).isThrownBy(builder::build)
			.withMessage("Lua endpoints " + Bank.class.getName() + " and " + World.class.getName()
					+ " both claim the Lua global 'bank'");
	}

	@Test
	void whenAGlobalIsNoLuaIdentifierThenBuildFailsAsTheDispatchTableDoes() {
		LuaYield.Builder builder = LuaYield.builder().endpoint("the world", new World());
		assertThatExceptionOfType(InvalidLuaEndpointException.class).isThrownBy(builder::build)
			.withMessage("Lua endpoint " + World.class.getName()
					+ " has name 'the world', which is not a valid Lua identifier");
	}

	@Test
	void whenTheTimeoutIsNotPositiveThenItIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> LuaYield.builder().timeout(Duration.ZERO))
			.withMessage("timeout(PT0S): must be positive; use null for no time limit");
		assertThatIllegalArgumentException().isThrownBy(() -> LuaYield.builder().timeout(Duration.ofSeconds(-1)))
			.withMessage("timeout(PT-1S): must be positive; use null for no time limit");
	}

	@Test
	void whenLimitsAndSizesAreOutOfRangeThenTheyAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> LuaYield.builder().poolSize(0))
			.withMessage("poolSize(0): must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> LuaYield.builder().maxCalls(-1))
			.withMessageStartingWith("maxCalls(-1): must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> LuaYield.builder().reloadInterval(Duration.ofSeconds(-1)))
			.withMessageStartingWith("reloadInterval(PT-1S): must not be negative");
	}

	@Test
	void whenBuildIsCalledTwiceThenTheSecondFails() {
		LuaYield.Builder builder = LuaYield.builder();
		try (LuaYield lua = builder.build()) {
			assertThatIllegalStateException().isThrownBy(builder::build)
				.withMessageStartingWith("build() was already called");
		}
	}

	@Test
	void whenAPoolIsGivenWithoutItsDispatchTableThenBuildFails() {
		try (TestRuntime runtime = new TestRuntime(1)) {
			LuaYield.Builder builder = LuaYield.builder().pool(runtime.pool);
			assertThatIllegalStateException().isThrownBy(builder::build)
				.withMessageStartingWith("pool(LuaThreadPool) needs endpoints(Supplier)");
		}
	}

	@Test
	void whenSettingsThatExcludeEachOtherAreCombinedThenTheSecondIsRejected() {
		assertThatIllegalStateException()
			.isThrownBy(() -> LuaYield.builder().poolSize(2).poolConfig(new GenericObjectPoolConfig<LuaVm>()))
			.withMessageStartingWith("poolConfig(...) cannot be combined with poolSize(int)");
		assertThatIllegalStateException()
			.isThrownBy(() -> LuaYield.builder().endpoint(new Bank()).endpoints(() -> null))
			.withMessageStartingWith("endpoints(Supplier) cannot replace the endpoints given to endpoint(...)");
		try (TestRuntime runtime = new TestRuntime(1)) {
			assertThatIllegalStateException().isThrownBy(() -> LuaYield.builder().pool(runtime.pool).poolSize(2))
				.withMessageStartingWith("poolSize(int) does not apply to the pool given to pool(LuaThreadPool)");
		}
		assertThatIllegalStateException()
			.isThrownBy(() -> LuaYield.builder()
				.scripts("classpath:/lua/")
				.scripts(new ScriptRepository(new DefaultResourceLoader(), "classpath:/lua/")))
			.withMessageStartingWith("scripts(ScriptRepository) cannot be combined with scripts(String)");
	}

	@LuaEndpoint("bank")
	static class Bank {

		public long balance(String who) {
			return "ann".equals(who) ? 100 : 7;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainSpringConfiguration {

		@Bean
		Bank bank() {
			return new Bank();
		}

		@Bean
		LuaYield luaYield(Bank bank) {
			return LuaYield.builder().endpoint(bank).poolSize(1).build();
		}

		@Bean
		LuaScriptRunner luaScriptRunner(LuaYield luaYield) {
			return luaYield.runner();
		}

	}

}
