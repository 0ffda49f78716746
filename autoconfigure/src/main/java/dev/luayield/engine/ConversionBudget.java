package dev.luayield.engine;

/**
 * How much one conversion between Lua and Java may still copy, and until when. A value
 * can be far larger as a copy than in Lua: a string or table referenced many times takes
 * its memory once in Lua but once per reference in the copy, so neither the state's
 * memory limit nor the nesting limit bounds a conversion. Each converter charges what it
 * is about to copy, in units that roughly follow the bytes of Java heap (or Lua memory)
 * the copy takes, and a shared value is charged each time it is copied.
 *
 * <p>
 * One budget belongs to each {@link LuaStack}, that is to one Lua thread, and is
 * therefore used by one invocation at a time. The runtime resets it at the start of every
 * invocation with the state's budget and the invocation's deadline; every top-level
 * conversion (the arguments of one endpoint call, one endpoint result, the script's
 * result) then starts with the whole budget again, so a script may stream more data
 * through endpoint calls than one conversion may hold, while the deadline bounds them
 * all. Trace copies, which the trace keeps for the whole invocation, share one budget per
 * invocation instead.
 *
 * @since 0.1.0
 */
public final class ConversionBudget {

	/** The budget of a state without a memory limit. */
	static final long UNLIMITED_MEMORY_BUDGET = 256L * 1024 * 1024;

	/** A table or other container: the map or list object itself. */
	public static final long TABLE = 64;

	/** One entry of a map, or one element of a table read as a list or map. */
	public static final long ENTRY = 48;

	/** One slot of a sequence, charged up to its length before any slot is read. */
	public static final long SLOT = 16;

	/** A string's object and array headers; its bytes come on top. */
	public static final long STRING = 40;

	/**
	 * How many units are charged between two reads of the clock: reading it on every
	 * value would cost more than most values do, and a few thousand values take well
	 * under a millisecond.
	 */
	private static final long CLOCK_INTERVAL = 64 * 1024;

	private long limit = UNLIMITED_MEMORY_BUDGET;

	private long left = UNLIMITED_MEMORY_BUDGET;

	private long traceLeft = UNLIMITED_MEMORY_BUDGET;

	private long deadline;

	private long untilClock = CLOCK_INTERVAL;

	/**
	 * Returns the budget of a state with the given memory limit: as many units as the
	 * state may hold bytes, since a copy larger than the state's whole memory is not what
	 * any script meant to send.
	 * @param memoryLimit bytes, {@code 0} for none
	 * @return the budget in units
	 */
	static long forMemoryLimit(long memoryLimit) {
		return (memoryLimit > 0) ? memoryLimit : UNLIMITED_MEMORY_BUDGET;
	}

	/**
	 * Starts an invocation.
	 * @param units what each conversion may copy
	 * @param deadlineNanos the {@link System#nanoTime()} past which no conversion may go
	 * on, or {@code 0} for none
	 */
	void reset(long units, long deadlineNanos) {
		this.limit = units;
		this.left = units;
		this.traceLeft = units;
		this.deadline = deadlineNanos;
	}

	/** Starts a top-level conversion with the whole budget. */
	public void start() {
		this.left = this.limit;
	}

	/** Starts a trace copy with what the invocation's trace copies have left. */
	public void startTrace() {
		this.left = this.traceLeft;
	}

	/** Ends a trace copy, keeping what it left for the next one. */
	public void endTrace() {
		this.traceLeft = Math.max(this.left, 0);
		this.left = this.limit;
	}

	/**
	 * Charges what is about to be copied.
	 * @param units the cost
	 * @param path where the value sits, for the message
	 * @throws ConversionLimitException if the budget is spent or the deadline passed
	 */
	public void charge(long units, String path) {
		this.left -= units;
		this.untilClock -= units;
		if (this.left < 0 || this.untilClock <= 0) {
			check(path);
		}
	}

	/**
	 * Reads the clock now and then while something is copied that charges nothing per
	 * item (numbers in a long sequence).
	 * @param path where the value sits, for the message
	 */
	public void tick(String path) {
		if (--this.untilClock <= 0) {
			check(path);
		}
	}

	private void check(String path) {
		if (this.left < 0) {
			throw new ConversionLimitException(path + ": the value is larger than the " + format(this.limit)
					+ " conversion budget (lua.limits.memory); " + advice(path));
		}
		this.untilClock = CLOCK_INTERVAL;
		if (this.deadline != 0 && System.nanoTime() - this.deadline > 0) {
			throw new ConversionLimitException(
					path + ": converting the value ran past the invocation's time limit (lua.limits.timeout); "
							+ advice(path));
		}
	}

	private static String advice(String path) {
		return path.startsWith("result") ? "return less data" : "pass less data";
	}

	private static String format(long units) {
		if (units >= 1024 * 1024 && units % (1024 * 1024) == 0) {
			return (units / (1024 * 1024)) + " MB";
		}
		if (units >= 1024 && units % 1024 == 0) {
			return (units / 1024) + " KB";
		}
		return units + " byte";
	}

}
