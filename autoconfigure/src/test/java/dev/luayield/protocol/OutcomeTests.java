package dev.luayield.protocol;

import java.util.ArrayList;
import java.util.List;

import dev.luayield.LuaScriptException;
import dev.luayield.LuaTimeoutException;
import dev.luayield.conversion.ValueWriter;
import dev.luayield.engine.LuaVm;
import dev.luayield.runner.TestRuntime;
import dev.luayield.runner.World;
import dev.luayield.sandbox.LuaVmSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.ApplicationConversionService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How an invocation ended is decided from what the runtime knows, never from the text of
 * a message: a script cannot pass for a timeout, a memory limit or an endpoint's failure
 * by writing the same words, and an endpoint's exception is the cause only of the error
 * it raised.
 */
class OutcomeTests {

	private final World world = new World();

	private final TestRuntime runtime = new TestRuntime(1, TestRuntime.endpoint("world", this.world));

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@Test
	void whenTheChunkLetsAnEndpointErrorThroughThenItsExceptionIsTheCause() {
		this.world.hp.put(3L, 0);
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("world:damage(3, 1)"))
			.withCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void whenTheChunkRaisesTheCaughtEndpointErrorAgainUnchangedThenItsExceptionIsTheCause() {
		this.world.hp.put(3L, 0);
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(
				() -> this.runtime.runner.eval("local ok, e = pcall(function() world:damage(3, 1) end) error(e, 0)"))
			.withMessage("eval:1: world.damage: IllegalStateException: dead entities take no damage")
			.withCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void whenTheChunkWrapsTheEndpointErrorThenItIsTheScriptsOwnErrorWithNoCause() {
		this.world.hp.put(3L, 0);
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner
				.eval("local ok, e = pcall(function() world:damage(3, 1) end) error('rule failed: ' .. e, 0)"))
			.withMessageContaining("dead entities take no damage")
			.withNoCause();
	}

	@Test
	void whenALaterCallFailsWithoutAnExceptionThenAnEarlierCauseIsNotAttached() {
		this.world.hp.put(3L, 0);
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(
				() -> this.runtime.runner.eval("pcall(function() world:damage(3, 1) end) world:get_hp('not a number')"))
			.withMessageContaining("world.get_hp")
			.withNoCause();
	}

	@Test
	void whenAScriptRaisesTheWordsOfALimitThenItIsAnOrdinaryErrorAndTheStateIsKept() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("error('luayield: the script exceeded its time limit of 5 ms')"))
			.isNotInstanceOf(LuaTimeoutException.class);
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("error('luayield: the script exceeded its memory limit')"))
			.withMessageContaining("memory limit");
		assertThat(this.runtime.pool.getDestroyedCount()).isZero();
	}

	@Test
	void whenAnEndpointThrowsAJavaErrorThenTheOutcomeIsFatalWhateverTheScriptCatches() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("pcall(world.fatal) return 'swallowed'"))
			.withCauseInstanceOf(OutOfMemoryError.class);
	}

	@Test
	void whenAnotherHandlerServesTheCallsThenTheSameLoopRunsTheScript() {
		List<Long> seen = new ArrayList<>();
		RequestHandler answerWithDouble = (request) -> {
			long value = (long) request.stack().toNumber(3);
			seen.add(value);
			request.stack().setTop(0);
			request.stack().pushNumber(value * 2);
			return 1;
		};
		ValueWriter writer = new ValueWriter(new ApplicationConversionService());
		try (LuaVm vm = new LuaVm(java.util.Map.of("world", java.util.Map.of("get_hp", 1)), LuaVmSettings.defaults())) {
			int chunk = vm.evalAs("return world:get_hp(21) + world:get_hp(1)", "=eval");
			Invocation invocation = new Invocation("eval", "eval", vm, chunk, new Object[0], 10, 0, null);
			Outcome outcome = new ResumeLoop(writer, (name) -> {
				throw new IllegalStateException("no modules");
			}).run(invocation, answerWithDouble);
			assertThat(outcome).isSameAs(Outcome.COMPLETED);
			assertThat(vm.threadStack().toNumber(2)).isEqualTo(44.0);
			assertThat(seen).containsExactly(21L, 1L);
		}
	}

	@Test
	void whenTheScriptCallsAMethodTheEndpointLacksThenTheHandlerWordsTheError() {
		RequestHandler none = (request) -> request.fail("unexpected call", null);
		ValueWriter writer = new ValueWriter(new ApplicationConversionService());
		try (LuaVm vm = new LuaVm(java.util.Map.of("world", java.util.Map.of("get_hp", 1)), LuaVmSettings.defaults())) {
			int chunk = vm.evalAs("return world:get_hq(1)", "=eval");
			Invocation invocation = new Invocation("eval", "eval", vm, chunk, new Object[0], 10, 0, null);
			Outcome outcome = new ResumeLoop(writer, (name) -> "").run(invocation, none);
			assertThat(outcome).isInstanceOf(Outcome.ScriptError.class);
			assertThat(outcome.message()).isEqualTo("eval:1: world.get_hq: no such method");
		}
	}

}
