package dev.luayield.engine;

/**
 * Reads a state's counters for tests in other packages; the counters themselves stay
 * package-private, out of the runtime's public surface.
 */
public final class LuaVmStats {

	private LuaVmStats() {
	}

	public static long proxyClosuresMade(LuaVm vm) {
		return vm.proxyClosuresMade();
	}

	public static long clockReads(LuaVm vm) {
		return vm.clockReads();
	}

}
