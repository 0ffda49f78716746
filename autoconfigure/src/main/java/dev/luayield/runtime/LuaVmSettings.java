package dev.luayield.runtime;

import java.util.List;

/**
 * How each Lua state is set up.
 *
 * @param allowedLibraries libraries the sandbox normally removes that scripts may use
 * (for example {@code io}); each is a risk the application accepts
 * @param evalCacheSize how many compiled {@code eval} chunks each state keeps
 */
public record LuaVmSettings(List<String> allowedLibraries, int evalCacheSize) {

	/**
	 * Returns the settings for a fully sandboxed state.
	 * @return the default settings
	 */
	public static LuaVmSettings defaults() {
		return new LuaVmSettings(List.of(), 64);
	}

}
