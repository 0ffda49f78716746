package dev.luayield.benchmarks.combat;

import java.util.Map;

import dev.luayield.demo.game.DiceEndpoint;
import dev.luayield.demo.world.Counter;
import dev.luayield.demo.world.CounterRepository;
import dev.luayield.demo.world.Creature;
import dev.luayield.demo.world.CreatureRepository;
import dev.luayield.demo.world.Item;
import dev.luayield.demo.world.LogEntry;
import dev.luayield.demo.world.LogEntryRepository;

import org.springframework.transaction.annotation.Transactional;

/**
 * The demo's combat rule ({@code combat/hit.lua}, run by {@code combat/on_hit.lua})
 * written in Java over the same repositories and dice: one transaction per hit, the same
 * reads, the same log lines, the same result map.
 */
public class JavaCombatRule {

	private static final String TURN = "turn";

	private final CreatureRepository creatures;

	private final LogEntryRepository log;

	private final CounterRepository counters;

	private final DiceEndpoint dice;

	public JavaCombatRule(CreatureRepository creatures, LogEntryRepository log, CounterRepository counters,
			DiceEndpoint dice) {
		this.creatures = creatures;
		this.log = log;
		this.counters = counters;
		this.dice = dice;
	}

	/**
	 * One creature hits another: a d6 plus the attacker's best item, if the blow lands.
	 * @param attackerId the attacker's id
	 * @param targetId the target's id
	 * @return what happened, as the script returns it
	 */
	@Transactional
	public Map<String, Object> hit(long attackerId, long targetId) {
		Creature attacker = load(attackerId);
		Creature target = load(targetId);
		if (!attacker.isAlive()) {
			throw new IllegalStateException(attacker.getName() + " is dead and cannot attack");
		}
		if (attacker.distanceTo(target) > 1) {
			return Map.of("hit", false, "reason", "out of reach");
		}
		if (!this.dice.chance(75)) {
			write(attacker.getName() + " misses " + target.getName());
			return Map.of("hit", false, "reason", "missed");
		}
		int damage = this.dice.roll(6) + attacker.getItems().stream().mapToInt(Item::getPower).max().orElse(0);
		int left = target.damage(damage);
		write(String.format("%s hits %s for %d (%d left)", attacker.getName(), target.getName(), damage, left));
		if (left == 0) {
			write(target.getName() + " dies");
		}
		return Map.of("hit", true, "damage", (long) damage, "left", (long) left);
	}

	private Creature load(long id) {
		return this.creatures.findById(id).orElseThrow(() -> new IllegalArgumentException("no Creature with id " + id));
	}

	private void write(String message) {
		int turn = this.counters.findById(TURN).map(Counter::getValue).orElse(0L).intValue();
		this.log.save(new LogEntry(turn, message));
	}

}
