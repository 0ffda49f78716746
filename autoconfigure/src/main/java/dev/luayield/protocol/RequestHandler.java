package dev.luayield.protocol;

/**
 * Answers a script's endpoint calls for the {@link ResumeLoop}: the live dispatcher calls
 * the bean method, a replay answers from the recorded trace. The loop serves the
 * sandbox's own requests (print, require) itself, and enforces the time limit before it
 * hands a request on.
 *
 * @since 0.1.0
 */
public interface RequestHandler {

	/**
	 * Serves one endpoint call. The yielded values sit at 1..{@link Request#top()} on
	 * {@link Request#stack()}: the request marker, the method id, then the arguments.
	 * @param request the call
	 * @return how many reply values the handler left on top of the stack, or the result
	 * of {@link Request#fail} or {@link Request#abort}
	 */
	int serve(Request request);

	/**
	 * Returns the error for a call to a method the script's proxy lacks: the endpoint has
	 * no such method, or the invocation's {@link Invocation#grant() grant} leaves it out.
	 * By default, {@link #noSuchMethodMessage(String, String)}.
	 * @param request the request, for its invocation
	 * @param endpoint the endpoint's Lua global
	 * @param name the name the script called
	 * @return the message
	 */
	default String noSuchMethod(Request request, String endpoint, String name) {
		return noSuchMethodMessage(endpoint, name);
	}

	/**
	 * Returns the plain error for a call to a method the endpoint does not have.
	 * @param endpoint the endpoint's Lua global
	 * @param name the name the script called
	 * @return the message
	 */
	static String noSuchMethodMessage(String endpoint, String name) {
		return endpoint + "." + name + ": no such method";
	}

}
