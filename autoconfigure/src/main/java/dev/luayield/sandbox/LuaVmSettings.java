package dev.luayield.sandbox;

import java.util.List;

/**
 * How each Lua state is set up.
 *
 * @param allowedLibraries libraries the sandbox normally removes that scripts may use
 * (for example {@code io}); each is a risk the application accepts
 * @param evalCacheSize how many compiled {@code eval} chunks each state keeps
 * @param limitCheckInterval how many loop iterations and function calls, counted
 * together, run between two checks of the time and memory limits; {@code 0} turns the
 * checks off
 * @param memoryLimit the most memory a state may use, in bytes; {@code 0} for no limit
 * @param jit whether LuaJIT's JIT compiler runs scripts; the limits are checked in
 * compiled code too, but the trace compiler has bugs a hostile script can use to crash
 * the process
 * @param maxNesting how deeply calls that recurse on the native stack (coroutines resumed
 * inside coroutines, {@code string.gsub} and {@code table.sort} callbacks) may nest
 * @since 0.1.0
 */
public record LuaVmSettings(List<String> allowedLibraries, int evalCacheSize, int limitCheckInterval, long memoryLimit,
		boolean jit, int maxNesting) {

	/** The default number of loop iterations and calls between two limit checks. */
	public static final int DEFAULT_LIMIT_CHECK_INTERVAL = 1000;

	/**
	 * Returns the settings for a fully sandboxed state with a 64 MB memory limit and
	 * limit checks on.
	 * @return the default settings
	 */
	public static LuaVmSettings defaults() {
		return new LuaVmSettings(List.of(), 64, DEFAULT_LIMIT_CHECK_INTERVAL, 64L * 1024 * 1024, false, 32);
	}

	/**
	 * Returns a copy with other libraries allowed.
	 * @param libraries the libraries
	 * @return the new settings
	 */
	public LuaVmSettings withAllowedLibraries(List<String> libraries) {
		return new LuaVmSettings(libraries, this.evalCacheSize, this.limitCheckInterval, this.memoryLimit, this.jit,
				this.maxNesting);
	}

	/**
	 * Returns a copy with other limit settings.
	 * @param limitCheckInterval loop iterations and calls between checks, {@code 0} for
	 * none
	 * @param memoryLimit bytes, {@code 0} for none
	 * @param jit whether the JIT compiler runs scripts
	 * @return the new settings
	 */
	public LuaVmSettings withLimits(int limitCheckInterval, long memoryLimit, boolean jit) {
		return new LuaVmSettings(this.allowedLibraries, this.evalCacheSize, limitCheckInterval, memoryLimit, jit,
				this.maxNesting);
	}

}
