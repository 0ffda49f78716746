package dev.luayield.protocol;

import java.util.ArrayList;
import java.util.List;

import dev.luayield.conversion.ValueReaders;
import dev.luayield.engine.ConversionBudget;
import dev.luayield.engine.ConversionLimitException;
import dev.luayield.engine.LuaConversionException;
import dev.luayield.engine.LuaStack;

/**
 * Copies of Lua values for a {@link dev.luayield.LuaTrace}: what a live run records and a
 * replay compares against.
 *
 * @since 0.1.0
 */
public final class TraceValues {

	private TraceValues() {
	}

	/**
	 * Copies a range of stack values, as a trace records a call's arguments.
	 * @param stack the stack
	 * @param first the first index
	 * @param last the last index
	 * @return the copies
	 */
	public static List<Object> copyAll(LuaStack stack, int first, int last) {
		List<Object> values = new ArrayList<>();
		for (int i = first; i <= last; i++) {
			values.add(copy(stack, i, "arg " + (i - first + 1)));
		}
		return values;
	}

	/**
	 * Copies a value for a trace. The trace keeps its copies for the whole invocation, so
	 * they share one budget per invocation; a copy that does not fit is recorded as a
	 * placeholder, and the call or result goes on to succeed or fail as it would without
	 * a trace.
	 * @param stack the stack
	 * @param index the value's index
	 * @param path how messages name the value
	 * @return the copy
	 */
	public static Object copy(LuaStack stack, int index, String path) {
		ConversionBudget budget = stack.budget;
		budget.startTrace();
		try {
			return ValueReaders.readNatural(stack, index, path);
		}
		catch (ConversionLimitException ex) {
			return "<not recorded: " + ex.getMessage() + ">";
		}
		catch (LuaConversionException ex) {
			// A function or coroutine: the call will be rejected; record its type.
			return "<" + LuaStack.typeName(stack.type(index)) + ">";
		}
		finally {
			budget.endTrace();
		}
	}

}
