package dev.luayield.runtime;

import java.util.function.Supplier;

import dev.luayield.LuaOptions;

/**
 * Wraps each whole invocation, resume loop included, for example in a transaction.
 */
@FunctionalInterface
public interface InvocationInterceptor {

	/** Runs the invocation as it is. */
	InvocationInterceptor NONE = (scriptName, options, invocation) -> invocation.get();

	/**
	 * Runs an invocation.
	 * @param scriptName the script being run, or {@code eval}
	 * @param options the invocation's options
	 * @param invocation runs the script and returns its converted result
	 * @return the invocation's result
	 */
	Object intercept(String scriptName, LuaOptions options, Supplier<Object> invocation);

}
