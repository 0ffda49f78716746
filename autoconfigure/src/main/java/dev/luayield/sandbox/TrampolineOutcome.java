package dev.luayield.sandbox;

import org.jspecify.annotations.Nullable;

/**
 * How the trampoline says a chunk ended: the first value it returns, decided in Lua from
 * what the sandbox knows (a limit it hit, the error a proxy raised) and never from the
 * text of a message. The Lua side reads the codes from the state's settings
 * ({@code config.outcomes}).
 *
 * @since 0.1.0
 */
public enum TrampolineOutcome {

	/** The chunk returned; its results follow. */
	DONE(0),

	/** The chunk raised an error; its description follows. */
	ERROR(1),

	/** The time limit ended the chunk. */
	TIMEOUT(2),

	/** The memory limit ended the chunk. */
	MEMORY(3),

	/**
	 * The chunk ended with the very error a failed endpoint call raised, which it let
	 * through or raised again unchanged: the Java exception behind that call is the
	 * cause.
	 */
	ENDPOINT_ERROR(4);

	private static final TrampolineOutcome[] BY_CODE = values();

	private final int code;

	TrampolineOutcome(int code) {
		this.code = code;
	}

	/**
	 * Returns the code the trampoline returns for this outcome.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Returns the outcome with a code.
	 * @param code the trampoline's first result
	 * @return the outcome, or {@code null} for a code the trampoline never returns
	 */
	public static @Nullable TrampolineOutcome of(int code) {
		return (code >= 0 && code < BY_CODE.length) ? BY_CODE[code] : null;
	}

}
