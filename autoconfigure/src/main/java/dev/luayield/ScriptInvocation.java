package dev.luayield;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * One invocation as an {@link InvocationInterceptor} receives it, in two steps:
 * {@link #prepare()} does everything that can fail before the script runs (borrowing a
 * Lua state, reading and compiling the script), {@link #get()} runs it. An interceptor
 * that must not be entered for a script that never ran, such as a transaction that would
 * be marked rollback-only, calls {@code prepare()} first; others just call {@code get()}.
 *
 * @since 0.1.0
 */
public interface ScriptInvocation extends Supplier<Object> {

	/**
	 * Gets the invocation ready to run: borrows a Lua state and compiles the chunk.
	 * Calling it again once it succeeded does nothing.
	 * @throws dev.luayield.LuaScriptException if the script cannot start: it does not
	 * exist or compile, or no Lua state is free
	 */
	void prepare();

	/**
	 * Runs the script, preparing it first if nobody did, and returns its converted
	 * result. An invocation runs once.
	 * @return the result
	 */
	@Override
	Object get();

	/**
	 * Returns what the invocation may call, from its options or from
	 * {@code lua.permissions.*}: endpoints granted whole by their Lua global
	 * ({@code world}), single methods by their qualified name
	 * ({@code clinic.find_owners}).
	 * @return the grant, or {@code null} if it may call every endpoint
	 */
	default @Nullable List<String> getGrant() {
		return null;
	}

}
