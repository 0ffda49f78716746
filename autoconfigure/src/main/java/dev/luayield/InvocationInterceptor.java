package dev.luayield;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Wraps each whole invocation, resume loop included, for example in a transaction. The
 * invocation comes in two steps (see {@link ScriptInvocation}), so that an interceptor
 * can keep what it opens for the run away from a script that never starts.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface InvocationInterceptor {

	/** Runs the invocation as it is. */
	InvocationInterceptor NONE = (scriptName, options, invocation) -> invocation.get();

	/**
	 * Runs an invocation.
	 * @param scriptName the script being run, or {@code eval}
	 * @param options the invocation's options
	 * @param invocation prepares and runs the script, and returns its converted result
	 * @return the invocation's result
	 */
	Object intercept(String scriptName, LuaOptions options, ScriptInvocation invocation);

	/**
	 * Returns an interceptor that applies the given ones in order, the first outermost.
	 * @param interceptors the interceptors
	 * @return the composite
	 */
	static InvocationInterceptor compose(List<InvocationInterceptor> interceptors) {
		InvocationInterceptor composite = NONE;
		for (int i = interceptors.size() - 1; i >= 0; i--) {
			InvocationInterceptor outer = interceptors.get(i);
			InvocationInterceptor inner = composite;
			composite = (inner == NONE) ? outer
					: (scriptName, options, invocation) -> outer.intercept(scriptName, options, new ScriptInvocation() {

						@Override
						public void prepare() {
							// An outer interceptor that prepares prepares for them all.
							invocation.prepare();
						}

						@Override
						public Object get() {
							return inner.intercept(scriptName, options, invocation);
						}

						@Override
						public @Nullable List<String> getGrant() {
							return invocation.getGrant();
						}

					});
		}
		return composite;
	}

}
