package dev.luayield.endpoint;

import org.jspecify.annotations.Nullable;

/**
 * Watches every endpoint call, for metrics and tracing. The resume loop asks for one only
 * when one is configured, so an application without observability pays a null check.
 *
 * @since 0.1.0
 */
public interface EndpointCallObserver {

	/**
	 * Called before an endpoint method runs.
	 * @param script the script making the call
	 * @param method the method called
	 * @return the call, stopped once it is over
	 */
	Call start(String script, EndpointMethod method);

	/**
	 * One observed call.
	 */
	interface Call {

		/**
		 * Called after the call, whatever its outcome.
		 * @param failure the error the script was sent (a Java exception or a rejected
		 * argument), or {@code null} when the call succeeded
		 * @param exception the Java exception behind the failure, if any
		 */
		void stop(@Nullable String failure, @Nullable Throwable exception);

	}

}
