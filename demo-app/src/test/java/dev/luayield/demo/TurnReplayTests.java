package dev.luayield.demo;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaTrace;
import dev.luayield.demo.game.DiceEndpoint;
import dev.luayield.replay.LuaReplay;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A whole world turn recorded against the real database, then replayed with no Spring and
 * no database: the regression test a game developer writes for the AI scripts.
 */
@SpringBootTest
class TurnReplayTests {

	@Autowired
	private LuaScriptRunner lua;

	@Autowired
	private DiceEndpoint dice;

	@Test
	void whenATurnIsRecordedThenReplayingItReproducesEveryCallAndTheResult() {
		LuaTrace trace = new LuaTrace();
		Object result = this.dice.withSeed(7, () -> this.lua.with(LuaOptions.defaults().withTrace(trace)).run("turn"));
		assertThat(trace.getCalls()).extracting(LuaTrace.Call::method)
			.startsWith("world.living_creatures")
			.contains("dice.chance", "log.write");
		LuaReplay replay = new LuaReplay("classpath:/lua/");
		assertThat(replay.replay(trace)).isEqualTo(result);
	}

	@Test
	void whenTheAiChangesThenTheReplayPointsAtTheFirstDifferentCall() {
		LuaTrace trace = new LuaTrace();
		this.dice.withSeed(7, () -> this.lua.with(LuaOptions.defaults().withTrace(trace)).run("turn"));
		String changedTurn = "local ids = world:living_creatures() return world:get_hp(ids[1])";
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new LuaReplay("classpath:/lua/").replaySource(changedTurn, trace))
			.withMessageStartingWith("call 2: the script called world.get_hp");
	}

}
