package dev.luayield.protocol;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.luayield.conversion.ValueReaders;
import dev.luayield.engine.ConversionBudget;
import dev.luayield.engine.ConversionLimitException;
import dev.luayield.engine.LuaConversionException;
import dev.luayield.engine.LuaStack;
import org.jspecify.annotations.Nullable;

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

	/**
	 * Compares a recorded or expected value with one a script produced: integers as
	 * integers and other numbers by value (a trace read back from JSON may hold an
	 * Integer for a Long), lists and maps element by element.
	 * @param expected the recorded or expected value
	 * @param actual the value the script produced
	 * @return whether they are the same
	 */
	public static boolean sameValue(@Nullable Object expected, @Nullable Object actual) {
		if (expected instanceof Number a && actual instanceof Number b) {
			return (isIntegral(a) && isIntegral(b)) ? a.longValue() == b.longValue()
					: a.doubleValue() == b.doubleValue();
		}
		if (expected instanceof List<?> a && actual instanceof List<?> b) {
			return sameValues(a, b);
		}
		if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
			if (a.size() != b.size()) {
				return false;
			}
			for (Map.Entry<?, ?> entry : a.entrySet()) {
				if (!b.containsKey(entry.getKey()) || !sameValue(entry.getValue(), b.get(entry.getKey()))) {
					return false;
				}
			}
			return true;
		}
		return Objects.equals(expected, actual);
	}

	/**
	 * Compares two lists of values element by element, as {@link #sameValue} does.
	 * @param expected the recorded or expected values
	 * @param actual the values the script produced
	 * @return whether they are the same
	 */
	public static boolean sameValues(List<?> expected, List<?> actual) {
		if (expected.size() != actual.size()) {
			return false;
		}
		List<?> values = new ArrayList<>(actual);
		for (int i = 0; i < expected.size(); i++) {
			if (!sameValue(expected.get(i), values.get(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isIntegral(Number number) {
		return number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte
				|| number instanceof BigInteger;
	}

}
