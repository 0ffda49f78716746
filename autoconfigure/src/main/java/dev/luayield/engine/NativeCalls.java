package dev.luayield.engine;

/**
 * The resume loop's hot path in the native shim ({@code luayield_native.c}): starting an
 * invocation, each resume, moving table arguments to the scratch thread and reading a
 * record's fields, one JNI call each where LuaJava's bindings need several. A JNI call
 * costs more here than the Lua API call it makes, so the calls saved are most of what an
 * empty invocation and an endpoint request cost on the Java side. Where the shim is not
 * available, {@link LuaVm} and {@link LuaStack} make the same Lua API calls through
 * LuaJava.
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
	 * trampoline, the chunk, the budget, the deadline, the grant and the coroutine
	 * itself, or {@code nil} in its place.
	 * @param state the coroutine
	 * @param extra the stack room needed, these five values and the arguments
	 * @param trampoline the trampoline's registry reference
	 * @param chunk the chunk's registry reference
	 * @param budget the time budget in nanoseconds, or 0
	 * @param deadline the deadline by the Lua side's clock, or 0
	 * @param grant the grant's registry reference, or 0 to push {@code nil}
	 * @param announce whether to push the coroutine itself, for a trampoline that has not
	 * run on it yet
	 * @return {@code false}, with nothing pushed, if the stack cannot grow that far
	 */
	static native boolean begin0(long state, int extra, int trampoline, int chunk, double budget, double deadline,
			int grant, boolean announce);

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

	/**
	 * Empties the thread {@code to}, grows it to hold {@code n} values and moves the top
	 * {@code n} values of {@code from} there.
	 * @param from the thread the values leave
	 * @param to the thread they go to, of the same state
	 * @param n how many
	 * @return {@code false}, moving nothing, if {@code to} cannot grow that far
	 */
	static native boolean moveToEmpty0(long from, long to, int n);

	/**
	 * Counts the keys of the table at the absolute {@code index} and pushes the raw value
	 * of each field named by the key strings' registry references; no metamethod runs.
	 * @param state the thread
	 * @param index the table's absolute index
	 * @param keys the registry references of the field names, at most {@link #MAX_FIELDS}
	 * @return the key count in bits 0-31, how many of the values are not {@code nil} in
	 * bits 32-47 and the stack index of the first value in bits 48-63; or -1, with
	 * nothing pushed, if the stack cannot hold the values
	 */
	static native long fields0(long state, int index, int[] keys);

	/** The most fields {@link #fields0} reads, as {@code luayield_native.c} has it. */
	static final int MAX_FIELDS = 64;

}
