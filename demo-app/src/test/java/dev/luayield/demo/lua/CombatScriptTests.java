package dev.luayield.demo.lua;

import java.util.List;
import java.util.Map;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaTrace;
import dev.luayield.demo.game.DiceEndpoint;
import dev.luayield.demo.world.Creature;
import dev.luayield.demo.world.CreatureRepository;
import dev.luayield.demo.world.Faction;
import dev.luayield.demo.world.Item;
import dev.luayield.demo.world.ItemRepository;
import dev.luayield.demo.world.LogEntry;
import dev.luayield.demo.world.LogEntryRepository;
import dev.luayield.replay.LuaReplay;
import dev.luayield.test.LuaTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.AutoConfigureDataJpa;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;

import static dev.luayield.test.LuaTraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The combat scripts ({@code combat/on_hit}, {@code combat/hit},
 * {@code combat/area_damage}) against the demo's real endpoints and repositories on an
 * embedded database of their own, and nothing else of the demo: no web layer, no seeded
 * world. Each test's transaction, which the scripts join, is rolled back after it.
 */
@LuaTest
@AutoConfigureDataJpa
@AutoConfigureTestDatabase
@Transactional
class CombatScriptTests {

	/** With this seed, dice:chance(75) comes up true and dice:roll(6) shows 5. */
	private static final long LANDING_SEED = 4;

	/** With this seed, dice:chance(75) comes up false. */
	private static final long MISSING_SEED = 1;

	@Autowired
	private LuaScriptRunner lua;

	@Autowired
	private DiceEndpoint dice;

	@Autowired
	private CreatureRepository creatures;

	@Autowired
	private ItemRepository items;

	@Autowired
	private LogEntryRepository log;

	private Creature aldric;

	private Creature snag;

	private Creature grub;

	private Creature far;

	@BeforeEach
	void placeCreatures() {
		this.aldric = this.creatures.save(new Creature("Aldric", "knight", Faction.HEROES, 40, 5, 5));
		this.items.save(new Item("longsword", 5, this.aldric));
		this.snag = this.creatures.save(new Creature("Snag", "goblin", Faction.GOBLINS, 30, 6, 5));
		this.grub = this.creatures.save(new Creature("Grub", "goblin", Faction.GOBLINS, 24, 7, 5));
		this.far = this.creatures.save(new Creature("Far", "goblin", Faction.GOBLINS, 20, 15, 15));
	}

	@Test
	void whenTheBlowLandsThenTheTargetLosesTheRollPlusTheWeaponAndTheLogSaysSo() {
		LuaTrace trace = new LuaTrace();
		Object outcome = this.dice.withSeed(LANDING_SEED,
				() -> traced(trace).run("combat/on_hit", id(this.aldric), id(this.snag)));
		assertThat(trace)
			.containsCallsInOrder("world.alive", "world.distance", "dice.chance", "dice.roll", "world.weapon_power",
					"world.damage", "log.write")
			.returned(Map.of("hit", true, "damage", 10, "left", 20));
		assertThat(trace).call(4).hasMethod("dice.roll").hasArguments(6).returned(5);
		assertThat(outcome).isEqualTo(Map.of("hit", true, "damage", 10L, "left", 20L));
		assertThat(this.snag.getHp()).isEqualTo(20);
		assertThat(messages()).containsExactly("Aldric hits Snag for 10 (20 left)");
	}

	@Test
	void whenTheBlowMissesThenNobodyIsHurt() {
		LuaTrace trace = new LuaTrace();
		this.dice.withSeed(MISSING_SEED, () -> traced(trace).run("combat/on_hit", id(this.aldric), id(this.snag)));
		assertThat(trace).doesNotCall("dice.roll", "world.damage").returned(Map.of("hit", false, "reason", "missed"));
		assertThat(this.snag.getHp()).isEqualTo(30);
		assertThat(messages()).containsExactly("Aldric misses Snag");
	}

	@Test
	void whenTheTargetIsOutOfReachThenNoDieIsRolled() {
		LuaTrace trace = new LuaTrace();
		traced(trace).run("combat/on_hit", id(this.aldric), id(this.far));
		assertThat(trace).hasCalls("world.alive", "world.distance")
			.returned(Map.of("hit", false, "reason", "out of reach"));
	}

	@Test
	void whenTheBlowKillsThenTheLogRecordsTheDeath() {
		this.snag.damage(25);
		this.dice.withSeed(LANDING_SEED, () -> this.lua.run("combat/on_hit", id(this.aldric), id(this.snag)));
		assertThat(this.snag.isAlive()).isFalse();
		assertThat(messages()).containsExactly("Aldric hits Snag for 10 (0 left)", "Snag dies");
	}

	@Test
	void whenADeadCreatureAttacksThenTheScriptFailsAtTheCallersLine() {
		this.grub.damage(24);
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.lua.run("combat/on_hit", id(this.grub), id(this.snag)))
			.withMessageStartingWith("combat/on_hit.lua:4: Grub is dead and cannot attack");
	}

	@Test
	void whenABlastGoesOffThenEveryoneNearIsHurtFriendOrFoe() {
		LuaTrace trace = new LuaTrace();
		Object hit = traced(trace).run("combat/area_damage", id(this.snag), 1, 4);
		assertThat(hit)
			.isEqualTo(List.of(Map.of("id", id(this.aldric), "left", 36L), Map.of("id", id(this.grub), "left", 20L)));
		assertThat(this.snag.getHp()).isEqualTo(30);
		assertThat(trace).containsCallsInOrder("world.creatures_near", "world.damage", "world.damage", "log.write");
		assertThat(messages()).containsExactly("a blast around Snag hits 2 creatures");
	}

	@Test
	void whenAHitIsRecordedThenTheScriptReplaysItWithoutTheDatabase() {
		LuaTrace trace = new LuaTrace();
		this.dice.withSeed(LANDING_SEED, () -> traced(trace).run("combat/on_hit", id(this.aldric), id(this.snag)));
		assertThat(trace).isReplayedBy(new LuaReplay("classpath:/lua/"));
	}

	private LuaScriptRunner traced(LuaTrace trace) {
		return this.lua.with(LuaOptions.defaults().withTrace(trace));
	}

	private List<String> messages() {
		return this.log.findAll(Sort.by("id")).stream().map(LogEntry::getMessage).toList();
	}

	private static long id(Creature creature) {
		return creature.getId();
	}

}
