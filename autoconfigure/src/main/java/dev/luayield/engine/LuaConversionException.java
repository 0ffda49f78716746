package dev.luayield.engine;

/**
 * A value could not cross between Lua and Java. The message is written for script authors
 * ({@code arg 1 expected integer, got string}) and is completed by the caller with the
 * endpoint and method it concerns.
 *
 * @since 0.1.0
 */
public class LuaConversionException extends RuntimeException {

	/**
	 * Creates an exception with a message for script authors.
	 * @param message what was expected and what was found
	 */
	public LuaConversionException(String message) {
		super(message, null, false, false);
	}

}
