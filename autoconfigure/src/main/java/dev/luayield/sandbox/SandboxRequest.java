package dev.luayield.sandbox;

import org.jspecify.annotations.Nullable;

/**
 * The requests the sandbox itself sends to Java, beside endpoint calls: a script's
 * endpoint calls yield positive method ids, these yield their own ids, zero or below. The
 * Lua side reads the ids from the state's settings ({@code config.requests}), so each is
 * written here alone.
 *
 * @since 0.1.0
 */
public enum SandboxRequest {

	/** A line a script printed: {@code (REQ, id, text)}. */
	PRINT(0),

	/** A module a script requires: {@code (REQ, id, name)}, answered with its chunk. */
	REQUIRE(-1),

	/**
	 * A call to a method the endpoint does not have: {@code (REQ, id, global, name)},
	 * answered with the error the script raises, which suggests the name meant.
	 */
	NO_SUCH_METHOD(-2);

	private static final SandboxRequest[] BY_NEGATED_ID = { PRINT, REQUIRE, NO_SUCH_METHOD };

	private final int id;

	SandboxRequest(int id) {
		this.id = id;
	}

	/**
	 * Returns the id this request yields.
	 * @return the id, zero or below
	 */
	public int id() {
		return this.id;
	}

	/**
	 * Returns the request with an id.
	 * @param id a yielded id, zero or below
	 * @return the request, or {@code null} for an id no sandbox request has
	 */
	public static @Nullable SandboxRequest of(int id) {
		return (id <= 0 && -id < BY_NEGATED_ID.length) ? BY_NEGATED_ID[-id] : null;
	}

}
