package dev.luayield.endpoint;

/**
 * A {@link dev.luayield.annotation.LuaEndpoint} cannot be exposed to Lua as declared: two
 * methods share a Lua name, two endpoints claim one global, or a parameter has a type no
 * Lua value can become. Thrown while the dispatch table is built, so the application does
 * not start.
 *
 * @since 0.1.0
 */
public class InvalidLuaEndpointException extends IllegalStateException {

	private final Class<?> endpointClass;

	/**
	 * Creates an exception naming the offending endpoint.
	 * @param endpointClass the endpoint's user class
	 * @param message what is wrong, naming the class and method
	 */
	public InvalidLuaEndpointException(Class<?> endpointClass, String message) {
		super(message);
		this.endpointClass = endpointClass;
	}

	/**
	 * Returns the endpoint class at fault.
	 * @return the class
	 */
	public Class<?> getEndpointClass() {
		return this.endpointClass;
	}

}
