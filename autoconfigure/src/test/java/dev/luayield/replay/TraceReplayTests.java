package dev.luayield.replay;

import java.util.List;
import java.util.Map;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaTrace;
import dev.luayield.runner.TestRuntime;
import dev.luayield.runner.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Recording an invocation's endpoint calls, and replaying a script against the record
 * with no endpoint beans at all.
 */
class TraceReplayTests {

	private final World world = new World();

	private final TestRuntime runtime = new TestRuntime(1, TestRuntime.endpoint("world", this.world));

	private final LuaReplay replay = new LuaReplay("classpath:/lua/");

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@Test
	void whenTracingThenEveryCallIsRecordedAsLuaSawIt() {
		LuaTrace trace = new LuaTrace();
		Object result = this.runtime.runner.with(LuaOptions.defaults().withTrace(trace)).run("combat/on_hit", 1, 5);
		assertThat(trace.getScript()).isEqualTo("combat/on_hit");
		assertThat(trace.getArguments()).containsExactly(1, 5);
		assertThat(trace.getCalls()).extracting(LuaTrace.Call::method, LuaTrace.Call::arguments, LuaTrace.Call::reply)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("world.damage", List.of(1L, 5L), null),
					org.assertj.core.groups.Tuple.tuple("world.get_hp", List.of(1L), 40L));
		assertThat(trace.getResult()).isEqualTo(result).isEqualTo(Map.of("target", 1L, "left", 40L, "dead", false));
		assertThat(trace.getError()).isNull();
	}

	@Test
	void whenACallFailsThenTheTraceHoldsTheErrorTheScriptGot() {
		LuaTrace trace = new LuaTrace();
		this.runtime.runner.with(LuaOptions.defaults().withTrace(trace))
			.eval("local ok, err = pcall(world.get_hp, world, 'x') return world:get_hp(2)");
		assertThat(trace.getCalls()).hasSize(2);
		assertThat(trace.getCalls().get(0).error()).isEqualTo("world.get_hp: arg 1 expected integer, got string");
		assertThat(trace.getCalls().get(1).reply()).isEqualTo(100L);
	}

	@Test
	void whenTheResultCannotLeaveLuaThenTheTraceRecordsTheSameErrorAsWithoutATrace() {
		String source = "return {f = function() end}";
		LuaScriptException untraced = catchThrowableOfType(LuaScriptException.class,
				() -> this.runtime.runner.eval(source));
		LuaTrace trace = new LuaTrace();
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.with(LuaOptions.defaults().withTrace(trace)).eval(source))
			.withMessage(untraced.getMessage());
		assertThat(trace.getError()).isEqualTo(untraced.getMessage());
	}

	@Test
	void whenTheScriptFailsThenTheTraceRecordsWhy() {
		LuaTrace trace = new LuaTrace();
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.with(LuaOptions.defaults().withTrace(trace))
				.eval("world:get_hp(1) error('late')"));
		assertThat(trace.getError()).isEqualTo("eval:1: late");
		assertThat(trace.getCalls()).hasSize(1);
	}

	@Test
	void whenReplayedThenTheScriptRunsWithoutAnyEndpointAndGivesTheSameResult() {
		LuaTrace trace = new LuaTrace();
		this.runtime.runner.with(LuaOptions.defaults().withTrace(trace)).run("combat/on_hit", 1, 5);
		this.world.hp.clear();
		assertThat(this.replay.replay(trace)).isEqualTo(trace.getResult());
	}

	@Test
	void whenTheScriptRequiresModulesThenReplayLoadsThemAsALiveRunWould() {
		LuaTrace trace = new LuaTrace();
		Object result = this.runtime.runner.with(LuaOptions.defaults().withTrace(trace)).run("uses_tally");
		assertThat(this.replay.replay(trace)).isEqualTo(result).isEqualTo(47L);
	}

	@Test
	void whenTheScriptChangesItsArgumentsThenReplayFailsAtThatCall() {
		LuaTrace trace = record("local id = ... world:damage(id, 5) return world:get_hp(id)", 1);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(
					() -> this.replay.replaySource("local id = ... world:damage(id, 6) return world:get_hp(id)", trace))
			.withMessage("call 1: the script called world.damage[1, 6] but the trace has world.damage[1, 5]");
	}

	@Test
	void whenTheScriptMakesMoreOrFewerCallsThenReplayFails() {
		LuaTrace trace = record("return world:get_hp(...)", 1);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.replay.replaySource("world:get_hp(1) return world:get_hp(1)", trace))
			.withMessage("call 2: the script called world.get_hp[1] but the trace has no more calls");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.replay.replaySource("return 45", trace))
			.withMessage("the script finished after 0 calls but the trace has 1; the next is world.get_hp");
	}

	@Test
	void whenTheScriptReturnsSomethingElseThenReplayFails() {
		LuaTrace trace = record("return world:get_hp(...) + 1", 1);
		assertThat(this.replay.replaySource("return world:get_hp(...) + 1", trace)).isEqualTo(46L);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.replay.replaySource("return world:get_hp(...) + 2", trace))
			.withMessage("the script returned 47 but the trace returned 46");
	}

	@Test
	void whenTheRecordedCallFailedThenReplayHandsTheScriptTheSameError() {
		LuaTrace trace = record("local ok, err = pcall(world.get_hp, world, 99) return err");
		assertThat(this.replay.replaySource("local ok, err = pcall(world.get_hp, world, 99) return err", trace))
			.isEqualTo("world.get_hp: IllegalArgumentException: no entity 99");
	}

	private LuaTrace record(String source, Object... args) {
		LuaTrace trace = new LuaTrace();
		this.runtime.runner.with(LuaOptions.defaults().withTrace(trace)).eval(source, args);
		return trace;
	}

}
