package dev.luayield.test.sample;

import java.util.Map;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaTrace;
import dev.luayield.actuate.LuaActuatorEndpoint;
import dev.luayield.autoconfigure.LuaConversionServiceCustomizer;
import dev.luayield.health.LuaPoolHealthIndicator;
import dev.luayield.replay.LuaReplay;
import dev.luayield.test.LuaTest;
import dev.luayield.transaction.TransactionalInvocationInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static dev.luayield.test.LuaTraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * {@code @LuaTest} on an application with endpoints, a service and an interceptor: the
 * runner is injected, the endpoints are there with their collaborator mocked, and the
 * rest of the application is not.
 */
@LuaTest(properties = "lua.scripts.location=classpath:/slice-lua/")
class LuaTestTests {

	@Autowired
	private LuaScriptRunner lua;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private AuditInterceptor audit;

	@MockitoBean
	private Warehouse warehouse;

	@Test
	void whenAScriptCallsAnEndpointThenTheMockedCollaboratorAnswers() {
		given(this.warehouse.count("potion")).willReturn(3, 3, 1);
		Object result = this.lua.run("shop/buy", "potion", 2);
		assertThat(result).isEqualTo(Map.of("sold", 2L, "left", 1L));
		then(this.warehouse).should().take("potion", 2);
	}

	@Test
	void whenTracedThenTheCallsCanBeAssertedInOrderAndReplayed() {
		given(this.warehouse.count("potion")).willReturn(3, 3, 1);
		LuaTrace trace = new LuaTrace();
		this.lua.with(LuaOptions.defaults().withTrace(trace)).run("shop/buy", "potion", 2);
		assertThat(trace).hasCalls("stock.count", "stock.take", "stock.count")
			.returned(Map.of("sold", 2, "left", 1))
			.isReplayedBy(new LuaReplay("classpath:/slice-lua/"));
		assertThat(trace).call(2).hasArguments("potion", 2).returned(null);
	}

	@Test
	void whenTheWarehouseIsShortThenTheScriptTakesNothing() {
		given(this.warehouse.count("sword")).willReturn(1);
		LuaTrace trace = new LuaTrace();
		this.lua.with(LuaOptions.defaults().withTrace(trace)).run("shop/buy", "sword", 2);
		assertThat(trace).doesNotCall("stock.take").returned(Map.of("sold", 0, "left", 1));
		then(this.warehouse).should(never()).take("sword", 2);
	}

	@Test
	void whenAnEndpointThrowsThenTheScriptFailsAsInTheApplication() {
		given(this.warehouse.count("potion")).willReturn(1);
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.lua.eval("stock:take('potion', 2)"))
			.withMessageContaining("stock.take: IllegalArgumentException: only 1 potion left");
	}

	@Test
	void whenAScriptRunsThenTheApplicationsInterceptorSeesIt() {
		assertThat(this.lua.run("greet", "Ada")).isEqualTo("Welcome, Ada");
		assertThat(this.audit.scripts()).contains("greet");
	}

	@Test
	void theSliceHoldsTheEndpointsAndInterceptorsButNotTheApplicationsServices() {
		assertThat(this.context.getBeanNamesForType(GreeterEndpoint.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(StockEndpoint.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(AuditInterceptor.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(ShopService.class)).isEmpty();
	}

	@Test
	void theSliceHasLuaYieldsOtherAutoConfigurationWhenWhatItNeedsIsThere() {
		// Spring Data is on this class path: entity parameters by id.
		assertThat(this.context.getBeanNamesForType(LuaConversionServiceCustomizer.class)).hasSize(1);
	}

	@Test
	void theSliceLeavesOutTheActuatorPartsAndTransactionsWithoutATransactionManager() {
		assertThat(this.context.getBeanNamesForType(LuaActuatorEndpoint.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(LuaPoolHealthIndicator.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(TransactionalInvocationInterceptor.class)).isEmpty();
	}

}
