package dev.luayield.engine;

/**
 * The resume loop's hot path in the native shim ({@code luayield_memory.c}): starting an
 * invocation and each resume, one JNI call each where LuaJava's bindings need several. A
 * JNI call costs more here than the Lua API call it makes, so the calls saved are most of
 * what an empty invocation and an endpoint request cost on the Java side. Where the shim
 * is not available, {@link LuaVm} makes the same Lua API calls through LuaJava.
 */
final class NativeCalls {

	private NativeCalls() {
	}

	/**
	 * Returns whether the shim is loaded, so that these calls can be made.
	 * @return {@code true} with the shim
	 */
	static boolean isAvailable() {
		return NativeMemoryLimit.isAvailable();
	}

	/**
	 * Empties the coroutine's stack, makes room for {@code extra} values, and pushes the
	 * trampoline, the chunk, the budget, the deadline and the grant.
	 * @param state the coroutine
	 * @param extra the stack room needed, these five values and the arguments
	 * @param trampoline the trampoline's registry reference
	 * @param chunk the chunk's registry reference
	 * @param budget the time budget in nanoseconds, or 0
	 * @param deadline the deadline by the Lua side's clock, or 0
	 * @param grant the grant's registry reference, or 0 to push {@code nil}
	 * @return {@code false}, with nothing pushed, if the stack cannot grow that far
	 */
	static native boolean begin0(long state, int extra, int trampoline, int chunk, double budget, double deadline,
			int grant);

	/**
	 * Resumes the coroutine, the memory limit armed around the resume when {@code guard}
	 * is not 0.
	 * @param state the coroutine
	 * @param guard the address of the state's memory guard, or 0 to run unarmed
	 * @param nargs how many values on the stack it is resumed with
	 * @return the status, the stack top and the number at index 2 of a yield or 1 of a
	 * return, packed as {@link LuaVm#resume(int)} unpacks them
	 */
	static native long resume0(long state, long guard, int nargs);

}
