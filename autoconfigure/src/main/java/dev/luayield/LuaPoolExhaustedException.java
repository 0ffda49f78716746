package dev.luayield;

import org.jspecify.annotations.Nullable;

/**
 * No pooled Lua state became free within {@code lua.pool.max-wait}, the thread was
 * interrupted while it waited for one (its interrupt flag is set again), or a nested
 * invocation would have waited for a state that only its own thread can release.
 *
 * @since 0.1.0
 */
public class LuaPoolExhaustedException extends LuaScriptException {

	/**
	 * Creates an exception for an invocation that could not get a Lua state.
	 * @param scriptName the script that was to run
	 * @param message what happened
	 * @param cause the pool's own exception, or {@code null}
	 */
	public LuaPoolExhaustedException(String scriptName, String message, @Nullable Throwable cause) {
		super(scriptName, -1, message, cause);
	}

}
