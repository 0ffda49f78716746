package dev.luayield.test;

import java.util.List;
import java.util.Map;

import dev.luayield.LuaTrace;
import dev.luayield.LuaTrace.Call;
import dev.luayield.replay.LuaReplay;
import org.junit.jupiter.api.Test;

import static dev.luayield.test.LuaTraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Assertions on traces, on hand-made ones as a trace read back from JSON would be: what
 * passes, and what each failure says.
 */
class LuaTraceAssertTests {

	/** What combat/on_hit (test resources) does to creature 1 with 40 hit points. */
	private final LuaTrace hit = new LuaTrace("combat/on_hit", List.of(1, 5),
			List.of(new Call("world.damage", List.of(1L, 5L), null, null, 0),
					new Call("world.get_hp", List.of(1L), 35L, null, 0)),
			Map.of("target", 1L, "left", 35L, "dead", false), null);

	private final LuaTrace failed = new LuaTrace(
			"eval", List.of(), List.of(new Call("world.get_hp", List.of("x"), null,
					"world.get_hp: arg 1 expected integer, got string", 0)),
			null, "eval:1: world.get_hp: arg 1 expected integer, got string");

	@Test
	void whenTheCallsAreAsExpectedThenTheAssertionsPass() {
		assertThat(this.hit).hasCalls("world.damage", "world.get_hp")
			.containsCallsInOrder("world.get_hp")
			.doesNotCall("world.heal", "dice.*")
			.returned(Map.of("target", 1, "left", 35, "dead", false));
		assertThat(this.hit).call(1).hasMethod("world.damage").hasArguments(1, 5).returned(null);
		assertThat(this.hit).call(2).hasArguments(1).returned(35);
	}

	@Test
	void whenTheCallsDifferThenTheFailureListsBoth() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.hit).hasCalls("world.get_hp", "world.damage"))
			.withMessage("Expected combat/on_hit to call [world.get_hp, world.damage]"
					+ " but it called [world.damage, world.get_hp]");
	}

	@Test
	void whenACallIsMissingFromTheOrderThenTheFailureSaysWhich() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.hit).containsCallsInOrder("world.get_hp", "world.damage"))
			.withMessage("Expected combat/on_hit to call [world.get_hp, world.damage] in this order, but it called"
					+ " [world.damage, world.get_hp], which has no world.damage after [world.get_hp]");
	}

	@Test
	void whenAForbiddenEndpointIsCalledThenTheFailureNamesTheCall() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.hit).doesNotCall("world.*"))
			.withMessage("Expected combat/on_hit not to call world.* but call 1 is world.damage[1, 5];"
					+ " its calls were [world.damage, world.get_hp]");
	}

	@Test
	void whenACallHasOtherArgumentsThenTheFailureShowsThem() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.hit).call(1).hasArguments(1, 6))
			.withMessage("Expected call 1 (world.damage) to pass [1, 6] but it passed [1, 5]");
	}

	@Test
	void whenACallNumberIsOutOfRangeThenTheFailureSaysHowManyThereAre() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.hit).call(3))
			.withMessage("Expected combat/on_hit to have a call 3 but it has 2 (numbered from 1):"
					+ " [world.damage, world.get_hp]");
	}

	@Test
	void whenTheScriptFailedThenReturnedSaysSoAndFailedWithPasses() {
		assertThat(this.failed).failedWith("expected integer").hasCalls("world.get_hp");
		assertThat(this.failed).call(1).failedWith("arg 1 expected integer");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.failed).returned(1))
			.withMessage("Expected eval to return 1 but it failed with"
					+ " 'eval:1: world.get_hp: arg 1 expected integer, got string'");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.failed).hasCalls())
			.withMessage("Expected eval to call [] but it called [world.get_hp]"
					+ " (the script failed with 'eval:1: world.get_hp: arg 1 expected integer, got string')");
	}

	@Test
	void whenTheScriptFinishedThenFailedWithSaysSo() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.hit).failedWith("dead"))
			.withMessage("Expected combat/on_hit to fail with a message containing 'dead' but it finished");
	}

	@Test
	void whenTheScriptStillDoesTheSameThenItIsReplayed() {
		assertThat(this.hit).isReplayedBy(new LuaReplay("classpath:/lua/"));
	}

	@Test
	void whenAChangedScriptDivergesThenTheFailureSaysWhereFromTheReplay() {
		String changed = "local target, amount = ... world:damage(target, amount * 2)"
				+ " return { target = target, left = world:get_hp(target), dead = false }";
		assertThatExceptionOfType(AssertionError.class).isThrownBy(
				() -> assertThat(this.hit).as("a stronger hit").isReplayedBy(new LuaReplay("classpath:/lua/"), changed))
			.withMessage("[a stronger hit] Expected the source to replay the trace of combat/on_hit"
					+ " [world.damage, world.get_hp], but call 1: the script called world.damage[1, 10]"
					+ " but the trace has world.damage[1, 5]")
			.withCauseInstanceOf(AssertionError.class);
	}

	@Test
	void whenAnEvalTraceIsReplayedByNameThenTheMistakeIsExplained() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> assertThat(this.failed).isReplayedBy(new LuaReplay("classpath:/lua/")))
			.withMessageContaining("isReplayedBy(replay, source)");
	}

}
