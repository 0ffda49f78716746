package dev.luayield.it;

import java.util.Map;

import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.pool.LuaThreadPool;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A full application: component-scanned endpoints, a service injecting the runner, a
 * named script calling several endpoints, and the pool configured from properties.
 */
@SpringBootTest(properties = { "lua.pool.max-total=2", "lua.pool.max-wait=1s" })
class SampleApplicationTests {

	@Autowired
	private SampleApplication.CombatService combat;

	@Autowired
	private SampleApplication.WorldEndpoint world;

	@Autowired
	private SampleApplication.JournalEndpoint journal;

	@Autowired
	private LuaScriptRunner runner;

	@Autowired
	private LuaThreadPool pool;

	@Test
	void whenServiceRunsAScriptThenItCallsSeveralEndpoints() {
		Map<String, Object> outcome = this.combat.attack(1, 2);
		assertThat(outcome).containsKeys("roll", "left").containsEntry("target", 2L);
		long roll = (Long) outcome.get("roll");
		assertThat(outcome.get("left")).isEqualTo(Math.max(0, 12 - roll * 2));
		assertThat(this.world.getHp(2)).isEqualTo(((Long) outcome.get("left")).intValue());
		assertThat(this.journal.entries).anyMatch((entry) -> entry.startsWith("1 hits 2 for "));
	}

	@Test
	void whenScriptLoopsOverEndpointResultsThenAllCallsAnswer() {
		Object total = this.runner.eval("local sum = 0 for _, id in ipairs(world:creatures()) do"
				+ " sum = sum + world:get_hp(id) end return sum");
		assertThat(total).isEqualTo((long) this.world.creatures().stream().mapToInt(this.world::getHp).sum());
	}

	@Test
	void whenEndpointRejectsAnIdThenTheCallerLearnsWhichScriptAndLine() {
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.combat.attack(1, 99))
			.withMessageStartingWith("quest/attack.lua:")
			.withMessageContaining("world.get_hp: IllegalArgumentException: no creature 99")
			.withCauseInstanceOf(IllegalArgumentException.class)
			.satisfies((ex) -> assertThat(ex.getLine()).isPositive());
	}

	@Test
	void whenPropertiesSetPoolSizeThenPoolHonoursIt() {
		assertThat(this.pool.getMaxTotal()).isEqualTo(2);
	}

}
