package dev.luayield.conversion;

import dev.luayield.engine.LuaConversionException;
import dev.luayield.engine.LuaStack;

/**
 * Reads one Lua value from the stack as a Java value of a type fixed when the reader was
 * made. Readers are built once per endpoint parameter at startup.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ValueReader {

	/**
	 * Reads the value at {@code index}.
	 * @param stack the stack
	 * @param index an absolute stack index
	 * @param path where the value sits, for messages ({@code arg 1}, {@code arg 1.pos.x})
	 * @return the Java value
	 * @throws LuaConversionException if the Lua value does not fit
	 */
	Object read(LuaStack stack, int index, String path);

}
