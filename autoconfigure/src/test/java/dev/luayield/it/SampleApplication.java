package dev.luayield.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import dev.luayield.LuaScriptRunner;
import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.annotation.LuaMethod;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

/**
 * A small application as users write one: endpoints, and a service that injects the
 * runner.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Creatures by id.
	 */
	@LuaEndpoint("world")
	public static class WorldEndpoint {

		final Map<Long, Integer> hp = new ConcurrentHashMap<>(Map.of(1L, 30, 2L, 12));

		public int getHp(long id) {
			Integer value = this.hp.get(id);
			if (value == null) {
				throw new IllegalArgumentException("no creature " + id);
			}
			return value;
		}

		public int damage(long id, int amount) {
			int left = Math.max(0, getHp(id) - amount);
			this.hp.put(id, left);
			return left;
		}

		public List<Long> creatures() {
			return this.hp.keySet().stream().sorted().toList();
		}

	}

	/**
	 * Dice that a test can make predictable.
	 */
	@LuaEndpoint("dice")
	public static class DiceEndpoint {

		private final Random random = new Random(7);

		@LuaMethod(value = "roll", doc = "Rolls a die with the given number of sides.")
		public synchronized int roll(int sides) {
			return 1 + this.random.nextInt(sides);
		}

	}

	/**
	 * Records what scripts report.
	 */
	@LuaEndpoint("journal")
	public static class JournalEndpoint {

		final List<String> entries = new java.util.concurrent.CopyOnWriteArrayList<>();

		public void write(String entry) {
			this.entries.add(entry);
		}

	}

	/**
	 * A service that runs scripts, as applications do.
	 */
	@Service
	public static class CombatService {

		private final LuaScriptRunner runner;

		public CombatService(LuaScriptRunner runner) {
			this.runner = runner;
		}

		@SuppressWarnings("unchecked")
		public Map<String, Object> attack(long attacker, long target) {
			return new LinkedHashMap<>(this.runner.run("quest/attack", Map.class, attacker, target));
		}

	}

}
