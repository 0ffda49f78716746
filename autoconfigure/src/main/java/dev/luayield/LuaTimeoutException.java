package dev.luayield;

/**
 * A script ran longer than its time limit ({@code lua.limits.timeout}) and was stopped.
 *
 * @since 0.1.0
 */
public class LuaTimeoutException extends LuaScriptException {

	/**
	 * Creates an exception for a script that was stopped.
	 * @param scriptName the script that was stopped
	 * @param line the Lua line where it was stopped, or {@code -1}
	 * @param message what happened
	 */
	public LuaTimeoutException(String scriptName, int line, String message) {
		super(scriptName, line, message, null);
	}

}
