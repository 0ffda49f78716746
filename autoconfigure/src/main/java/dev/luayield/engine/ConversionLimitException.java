package dev.luayield.engine;

/**
 * A conversion was stopped by its {@link ConversionBudget}: the copy would have been
 * larger than the budget, or it ran past the invocation's deadline. Unlike other
 * conversion failures it says nothing about the value's type, so a trace records it as
 * such rather than as a value that cannot leave Lua.
 *
 * @since 0.1.0
 */
public final class ConversionLimitException extends LuaConversionException {

	ConversionLimitException(String message) {
		super(message);
	}

}
