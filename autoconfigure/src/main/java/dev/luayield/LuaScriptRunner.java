package dev.luayield;

/**
 * Runs Lua scripts whose calls to {@link dev.luayield.annotation.LuaEndpoint} beans are
 * dispatched on the calling thread. Thread-safe: inject it anywhere.
 * <p>
 * Arguments reach the script as {@code ...}. The script's first return value comes back
 * converted: {@code nil} to {@code null}, an integral number to {@link Long}, any other
 * number to {@link Double}, booleans and strings as they are, a sequence to a
 * {@link java.util.List} and any other table to a {@link java.util.Map}; the typed
 * variants convert further to the requested type.
 *
 * @since 0.1.0
 */
public interface LuaScriptRunner {

	/**
	 * Runs a named script from the configured {@link LuaScriptSource script sources}.
	 * @param script the script name relative to the location, without {@code .lua} (for
	 * example {@code "combat/on_hit"})
	 * @param args the arguments, visible to the script as {@code ...}
	 * @return the script's first return value, converted
	 * @throws LuaScriptException if the script cannot be loaded or fails
	 */
	Object run(String script, Object... args);

	/**
	 * Runs a named script from the configured script sources and converts its first
	 * return value to the given type.
	 * @param <T> the result type
	 * @param script the script name relative to the location, without {@code .lua}
	 * @param type the result type
	 * @param args the arguments, visible to the script as {@code ...}
	 * @return the script's first return value as {@code type}
	 * @throws LuaScriptException if the script cannot be loaded, fails, or its result
	 * cannot be converted
	 */
	<T> T run(String script, Class<T> type, Object... args);

	/**
	 * Runs a chunk of Lua source text.
	 * @param source the Lua source
	 * @param args the arguments, visible to the chunk as {@code ...}
	 * @return the chunk's first return value, converted
	 * @throws LuaScriptException if the chunk does not compile or fails
	 */
	Object eval(String source, Object... args);

	/**
	 * Runs a chunk of Lua source text and converts its first return value to the given
	 * type.
	 * @param <T> the result type
	 * @param source the Lua source
	 * @param type the result type
	 * @param args the arguments, visible to the chunk as {@code ...}
	 * @return the chunk's first return value as {@code type}
	 * @throws LuaScriptException if the chunk does not compile, fails, or its result
	 * cannot be converted
	 */
	<T> T eval(String source, Class<T> type, Object... args);

	/**
	 * Returns a runner that applies the given options to each invocation, leaving this
	 * runner unchanged.
	 * @param options the options for invocations through the returned runner
	 * @return a runner with those options
	 */
	LuaScriptRunner with(LuaOptions options);

}
