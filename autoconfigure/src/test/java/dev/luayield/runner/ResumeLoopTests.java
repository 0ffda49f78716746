package dev.luayield.runner;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.luayield.LuaScriptException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the coroutine protocol end to end on real LuaJIT, without Spring.
 */
class ResumeLoopTests {

	private final World world = new World();

	private final TestRuntime runtime = new TestRuntime(2, TestRuntime.endpoint("world", this.world));

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@Test
	void whenScriptCallsEndpointThenItGetsTheResult() {
		assertThat(this.runtime.runner.eval("return world:get_hp(1)")).isEqualTo(45L);
		assertThat(this.runtime.runner.eval("return world.get_hp(2)")).isEqualTo(100L);
	}

	@Test
	void whenSeveralCallsInOneExpressionThenTemporariesSurvive() {
		assertThat(this.runtime.runner.eval("return world:get_hp(1) > world:get_hp(2) / 2")).isEqualTo(false);
		assertThat(this.world.calls).containsExactly("getHp 1", "getHp 2");
	}

	@Test
	void whenCalledThroughPcallThenResultComesBack() {
		assertThat(this.runtime.runner.eval("local ok, hp = pcall(world.get_hp, world, 1) return { ok, hp }"))
			.isEqualTo(List.of(true, 45L));
	}

	@Test
	void whenEndpointRunsThenItRunsOnTheCallersThread() throws Exception {
		AtomicReference<Object> seen = new AtomicReference<>();
		Thread caller = new Thread(() -> seen.set(this.runtime.runner.eval("return world:thread_name()")),
				"script-caller");
		caller.start();
		caller.join();
		assertThat(seen.get()).isEqualTo("script-caller");
		assertThat(this.runtime.runner.eval("return world:thread_name()")).isEqualTo(Thread.currentThread().getName());
	}

	@Test
	void whenNamedScriptRunsThenArgumentsArriveAsVarargs() {
		Object result = this.runtime.runner.run("combat/on_hit", 1, 5);
		assertThat(result).isEqualTo(Map.of("target", 1L, "left", 40L, "dead", false));
	}

	@Test
	void whenArgumentHasWrongTypeThenErrorPointsAtCallingLine() {
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.runtime.runner.run("bad_arg"))
			.withMessage("bad_arg.lua:3: world.get_hp: arg 1 expected integer, got string")
			.satisfies((ex) -> {
				assertThat(ex.getLine()).isEqualTo(3);
				assertThat(ex.getScriptName()).isEqualTo("bad_arg");
			});
		assertThat(this.world.calls).isEmpty();
	}

	@Test
	void whenErrorIsCaughtWithPcallThenScriptGoesOn() {
		Object result = this.runtime.runner.eval("local ok, err = pcall(world.get_hp, world, 'x')\nreturn err");
		// As for a C function called through pcall, the caller is pcall itself: no line.
		assertThat(result).isEqualTo("world.get_hp: arg 1 expected integer, got string");
		assertThat(this.runtime.runner
			.eval("local ok, err = pcall(function() local x = world:get_hp('x') end)\nreturn err"))
			.isEqualTo("eval:1: world.get_hp: arg 1 expected integer, got string");
	}

	@Test
	void whenMethodIsUnknownThenErrorNamesIt() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("\nlocal x = world:no_such(1)"))
			.withMessage("eval:2: world.no_such: no such method");
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("\nreturn world:no_such(1)"))
			.withMessage("eval:2: world.no_such: no such method");
	}

	@Test
	void whenScriptTailCallsThenErrorNamesItsLine() {
		// Lua keeps no frame for a function that made a tail call: the
		// instrumented chunk notes the line of each return instead.
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("\nreturn world:get_hp('x')"))
			.withMessage("eval:2: world.get_hp: arg 1 expected integer, got string")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(2));
		// From a function's tail call, Lua's own level points at the line that called it.
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner
				.eval("local function f(x)\n  return world:get_hp(x)\nend\n" + "local y = f('x')"))
			.withMessage("eval:4: world.get_hp: arg 1 expected integer, got string");
	}

	@Test
	void whenTooManyOrTooFewArgumentsThenErrorSaysSo() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("local x = world:get_hp(1, 2)"))
			.withMessage("eval:1: world.get_hp: expected 1 argument, got 2");
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("local x = world:damage(1)"))
			.withMessage("eval:1: world.damage: expected 2 arguments, got 1");
		assertThat(this.world.calls).isEmpty();
	}

	@Test
	void whenEndpointThrowsThenScriptSeesMessageAndCallerSeesCause() {
		this.world.hp.put(3L, 0);
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("world:damage(3, 1)"))
			.withMessage("eval:1: world.damage: IllegalStateException: dead entities take no damage")
			.withCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void whenCheckedExceptionThenItIsALuaError() {
		assertThat(this.runtime.runner.eval("local ok, e = pcall(world.checked) return e"))
			.isEqualTo("world.checked: Exception: checked failure");
	}

	@Test
	void whenEndpointThrowsErrorThenInvocationEndsAndPoolGoesOn() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("pcall(world.fatal) return 'swallowed'"))
			.withMessage("world.fatal: OutOfMemoryError: simulated")
			.withCauseInstanceOf(OutOfMemoryError.class);
		assertThat(this.runtime.runner.eval("return world:get_hp(1)")).isEqualTo(45L);
	}

	@Test
	void whenValuesCrossTheBoundaryThenTheyKeepTheirShape() {
		assertThat(this.runtime.runner.eval("return world:greet('bob')")).isEqualTo("hello bob");
		assertThat(this.runtime.runner.eval("return world:greet('bob', 'sir')")).isEqualTo("hello sir bob");
		assertThat(this.runtime.runner
			.eval("local c = world:creature(1) return c.name .. c.hp .. c.faction .. c.position.x"))
			.isEqualTo("gob45GOBLINS3");
		assertThat(this.runtime.runner.eval(
				"return world:describe({ id = 7, name = 'orc', hp = 3, faction = 'ELVES', position = { x = 1, y = 2 } })"))
			.isEqualTo("orc@1,2/ELVES");
		assertThat(this.runtime.runner.eval("return world:sum({ 1, 2, 3 })")).isEqualTo(6L);
		assertThat(this.runtime.runner.eval("return world:counts({ a = 1, b = 2 }).total")).isEqualTo(3L);
		assertThat(this.runtime.runner.eval("return world:half(3)")).isEqualTo(1.5);
		assertThat(this.runtime.runner.eval("return world:is_alive(1)")).isEqualTo(true);
		assertThat(this.runtime.runner.eval("return world:faction_of('ELVES')")).isEqualTo("ELVES");
		assertThat(this.runtime.runner.eval("return world:hp_of_all({ 1, 2 })")).isEqualTo(List.of(45L, 100L));
		assertThat(this.runtime.runner.eval("return world:nothing()")).isNull();
	}

	@Test
	void whenValueDoesNotFitThenErrorSaysWhere() {
		assertThat(this.runtime.runner.eval("return select(2, pcall(world.faction_name, world, 'DWARVES'))"))
			.isEqualTo("world.faction_name: arg 1 expected one of [GOBLINS, ELVES], got \"DWARVES\"");
		assertThat(this.runtime.runner.eval("return select(2, pcall(world.sum, world, { 1, 'x' }))"))
			.isEqualTo("world.sum: arg 1[2] expected integer, got string");
		assertThat(this.runtime.runner.eval("return select(2, pcall(world.get_hp, world, 1.5))"))
			.isEqualTo("world.get_hp: arg 1 expected integer, got number 1.5");
		assertThat(this.runtime.runner.eval(
				"return select(2, pcall(world.describe, world, { id = 1, name = 'x', hp = 1, position = { x = 'a' } }))"))
			.isEqualTo("world.describe: arg 1.position.x expected integer, got string");
	}

	@Test
	void whenResultIsCyclicThenClearErrorNotAHang() {
		assertThat(this.runtime.runner.eval("return select(2, pcall(world.cyclic))")).asString()
			.startsWith("world.cyclic: result[1]: the value contains itself");
	}

	@Test
	void whenStringsHoldNulOrEmojiThenTheyCrossIntact() {
		String tricky = "a\u0000b \uD83D\uDE00 é";
		assertThat(this.runtime.runner.eval("return world:echo(...)", tricky)).isEqualTo(tricky);
		assertThat(this.runtime.runner.eval("local s = ... return #s", tricky)).isEqualTo(11L);
		assertThat(this.runtime.runner.eval("return 'x\\0y'")).isEqualTo("x\u0000y");
	}

	@Test
	void whenResultIsTypedThenItIsConverted() {
		assertThat(this.runtime.runner.eval("return 41 + 1", Integer.class)).isEqualTo(42);
		assertThat(this.runtime.runner.eval("return world:creature(1)", World.Creature.class))
			.isEqualTo(new World.Creature(1, "gob", 45, World.Faction.GOBLINS, new World.Position(3, 4)));
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("return 'x'", Integer.class))
			.withMessage("eval: result expected integer, got string");
	}

	@Test
	void whenIgnoredMethodIsCalledThenItIsUnknown() {
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.runtime.runner.eval("world:secret()"))
			.withMessage("eval:1: world.secret: no such method");
	}

	@Test
	void whenScriptFailsThenNextInvocationOnSameStateWorks() {
		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(LuaScriptException.class)
				.isThrownBy(() -> this.runtime.runner.eval("error('boom')"))
				.withMessage("eval:1: boom");
			assertThat(this.runtime.runner.eval("return world:get_hp(1)")).isEqualTo(45L);
		}
		assertThat(this.runtime.pool.getCreatedCount()).isLessThanOrEqualTo(2);
	}

	@Test
	void whenSyntaxErrorThenExceptionCarriesLuaMessage() {
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.runtime.runner.eval("\nlocal = 1"))
			.withMessageStartingWith("eval:2: ")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(2));
	}

	@Test
	void whenGlobalsAreSetThenNextInvocationDoesNotSeeThem() {
		this.runtime.runner.eval("leaked = 42; string.evil = true");
		assertThat(this.runtime.runner.eval("return { leaked == nil, string.evil == nil }"))
			.isEqualTo(List.of(true, true));
	}

	@Test
	void whenNonStringErrorThenMessageDescribesIt() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("error({ code = 1 })"))
			.withMessage("(error object: table {code=1})");
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(
				() -> this.runtime.runner.eval("error(setmetatable({}, { __tostring = function() error('x') end }))"))
			.withMessageStartingWith("(error object:");
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.runtime.runner.eval("error(nil)"))
			.withMessage("(error object: nil)");
	}

}
