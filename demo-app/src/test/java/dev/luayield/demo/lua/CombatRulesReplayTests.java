package dev.luayield.demo.lua;

import java.util.List;
import java.util.Map;

import dev.luayield.LuaTrace;
import dev.luayield.LuaTrace.Call;
import dev.luayield.replay.LuaReplay;
import org.junit.jupiter.api.Test;

import static dev.luayield.test.LuaTraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules of {@code combat/on_hit} checked against traces written by hand: each says
 * what the endpoints answer and which calls the script must make in return. No Spring, no
 * database, and no dice: a rule of the game, stated call by call.
 */
class CombatRulesReplayTests {

	private final LuaReplay replay = new LuaReplay("classpath:/lua/");

	@Test
	void aBlowThatLandsDealsTheRollPlusTheBestWeapon() {
		LuaTrace blow = new LuaTrace("combat/on_hit", List.of(1, 2),
				List.of(call("world.alive", List.of(1), true), call("world.distance", List.of(1, 2), 1),
						call("dice.chance", List.of(75), true), call("dice.roll", List.of(6), 4),
						call("world.weapon_power", List.of(1), 5), call("world.damage", List.of(2, 9), 21),
						call("world.name", List.of(1), "Aldric"), call("world.name", List.of(2), "Snag"),
						call("log.write", List.of("Aldric hits Snag for 9 (21 left)"), null)),
				Map.of("hit", true, "damage", 9, "left", 21), null);
		assertThat(blow).isReplayedBy(this.replay);
	}

	@Test
	void aBlowThatKillsIsLoggedAsADeath() {
		LuaTrace kill = new LuaTrace("combat/on_hit", List.of(1, 2),
				List.of(call("world.alive", List.of(1), true), call("world.distance", List.of(1, 2), 1),
						call("dice.chance", List.of(75), true), call("dice.roll", List.of(6), 6),
						call("world.weapon_power", List.of(1), 0), call("world.damage", List.of(2, 6), 0),
						call("world.name", List.of(1), "Grub"), call("world.name", List.of(2), "Mira"),
						call("log.write", List.of("Grub hits Mira for 6 (0 left)"), null),
						call("world.name", List.of(2), "Mira"), call("log.write", List.of("Mira dies"), null)),
				Map.of("hit", true, "damage", 6, "left", 0), null);
		assertThat(kill).isReplayedBy(this.replay);
	}

	@Test
	void aWeakerRuleIsCaughtAtTheFirstCallThatDiffers() {
		LuaTrace blow = new LuaTrace("combat/on_hit", List.of(1, 2),
				List.of(call("world.alive", List.of(1), true), call("world.distance", List.of(1, 2), 1),
						call("dice.chance", List.of(75), true), call("dice.roll", List.of(6), 4),
						call("world.weapon_power", List.of(1), 5), call("world.damage", List.of(2, 9), 21)),
				Map.of("hit", true, "damage", 9, "left", 21), null);
		String weaponless = """
				local attacker, target = ...
				if world:alive(attacker) and world:distance(attacker, target) <= 1 and dice:chance(75) then
				  local damage = dice:roll(6)
				  world:weapon_power(attacker)
				  return { hit = true, damage = damage, left = world:damage(target, damage) }
				end
				""";
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(blow).isReplayedBy(this.replay, weaponless))
			.withMessageContaining("call 6: the script called world.damage[2, 4] but the trace has world.damage[2, 9]");
	}

	private static Call call(String method, List<Object> arguments, Object reply) {
		return new Call(method, arguments, reply, null, 0);
	}

}
