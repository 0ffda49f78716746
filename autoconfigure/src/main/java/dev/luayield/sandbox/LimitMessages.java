package dev.luayield.sandbox;

/**
 * The words a script is stopped with when it hits a limit. The Lua side raises them (read
 * from the state's settings, {@code config.messages}) and Java words the same limits
 * where Lua cannot (the watchdog, a call after the deadline), so each is written here
 * alone. They are for people: no outcome is decided from them.
 *
 * @since 0.1.0
 */
public final class LimitMessages {

	/** What starts the message of a time limit, before {@code " of <n> ms"}. */
	public static final String TIME_LIMIT = "luayield: the script exceeded its time limit";

	/** What starts the message of a memory limit, before {@code " of <n> MB"}. */
	public static final String MEMORY_LIMIT = "luayield: the script exceeded its memory limit";

	private LimitMessages() {
	}

	/**
	 * Returns the message of a time limit.
	 * @param timeoutNanos the limit
	 * @return the message, as the Lua side words it
	 */
	public static String timeLimit(long timeoutNanos) {
		return TIME_LIMIT + " of " + timeoutNanos / 1_000_000 + " ms";
	}

}
