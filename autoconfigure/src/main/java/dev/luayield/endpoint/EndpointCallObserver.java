package dev.luayield.endpoint;

/**
 * Watches every endpoint call, for metrics and tracing. The resume loop asks for one only
 * when one is configured, so an application without observability pays a null check.
 */
public interface EndpointCallObserver {

	/**
	 * Called before an endpoint method runs.
	 * @param script the script making the call
	 * @param method the method called
	 * @return a handle passed back to {@link #stop}
	 */
	Object start(String script, EndpointMethod method);

	/**
	 * Called after the call, whatever its outcome.
	 * @param handle what {@link #start} returned
	 * @param failure the error the script was sent (a Java exception or a rejected
	 * argument), or {@code null} when the call succeeded
	 * @param exception the Java exception behind the failure, if any
	 */
	void stop(Object handle, String failure, Throwable exception);

}
