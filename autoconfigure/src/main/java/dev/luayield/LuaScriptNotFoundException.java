package dev.luayield;

/**
 * No script has the name an invocation asked for: no {@link LuaScriptSource} (the script
 * locations, a script table) answers to it. Raised before any Lua state is borrowed or
 * transaction joined, so a web layer can answer it with a 404 instead of treating it as a
 * failed script.
 *
 * @since 0.1.0
 */
public class LuaScriptNotFoundException extends LuaScriptException {

	/**
	 * Creates an exception for a script that does not exist.
	 * @param scriptName the name that was asked for
	 * @param message what was looked for, and where
	 */
	public LuaScriptNotFoundException(String scriptName, String message) {
		super(scriptName, -1, message, null);
	}

}
