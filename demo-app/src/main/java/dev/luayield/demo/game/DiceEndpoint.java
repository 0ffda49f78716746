package dev.luayield.demo.game;

import java.util.Random;

import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.annotation.LuaIgnore;
import dev.luayield.annotation.LuaMethod;

/**
 * Dice seeded per invocation: the same seed replays the same rolls, so a turn can be
 * played again exactly.
 */
@LuaEndpoint("dice")
public class DiceEndpoint {

	private static final long DEFAULT_SEED = 42;

	private final ThreadLocal<Seeded> current = new ThreadLocal<>();

	/**
	 * Runs an action with dice seeded as given: every roll inside it, on this thread,
	 * comes from that seed.
	 * @param <T> the action's result type
	 * @param seed the seed
	 * @param action the action
	 * @return the action's result
	 */
	@LuaIgnore
	public <T> T withSeed(long seed, java.util.function.Supplier<T> action) {
		Seeded previous = this.current.get();
		this.current.set(new Seeded(seed, new Random(seed)));
		try {
			return action.get();
		}
		finally {
			if (previous != null) {
				this.current.set(previous);
			}
			else {
				this.current.remove();
			}
		}
	}

	@LuaMethod(doc = "Rolls a die with the given number of sides: 1 to sides.")
	public int roll(int sides) {
		if (sides < 1) {
			throw new IllegalArgumentException("a die needs at least one side, got " + sides);
		}
		return 1 + seeded().random().nextInt(sides);
	}

	@LuaMethod(doc = "True with the given chance in percent.")
	public boolean chance(int percent) {
		return seeded().random().nextInt(100) < percent;
	}

	@LuaMethod(doc = "The seed of this invocation's dice.")
	public long seed() {
		return seeded().seed();
	}

	private Seeded seeded() {
		Seeded seeded = this.current.get();
		if (seeded == null) {
			seeded = new Seeded(DEFAULT_SEED, new Random(DEFAULT_SEED));
			this.current.set(seeded);
		}
		return seeded;
	}

	private record Seeded(long seed, Random random) {
	}

}
