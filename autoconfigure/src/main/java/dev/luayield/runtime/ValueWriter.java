package dev.luayield.runtime;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.BeanUtils;
import org.springframework.core.convert.ConversionService;

/**
 * Pushes Java values onto a Lua stack: {@code null} as {@code nil}, numbers, booleans and
 * strings as themselves (integral types stay integral), enums by name, collections and
 * arrays as sequences, maps, records and beans as tables. A graph that contains itself
 * or nests deeper than {@value ValueReaders#MAX_DEPTH} levels is refused with a message,
 * never followed until the stack overflows.
 */
public final class ValueWriter {

	private final ConversionService conversionService;

	private final Map<Class<?>, Accessor[]> accessors = new ConcurrentHashMap<>();

	/**
	 * Creates a writer that renders value types it does not know (dates, UUIDs...) as
	 * strings through the given conversion service.
	 * @param conversionService the conversion service
	 */
	public ValueWriter(ConversionService conversionService) {
		this.conversionService = conversionService;
	}

	/**
	 * Pushes an endpoint's result.
	 * @param stack the stack
	 * @param value the value
	 * @throws LuaConversionException if the value cannot enter Lua; nothing is left on
	 * the stack then
	 */
	void push(LuaStack stack, Object value) {
		push(stack, value, "result");
	}

	/**
	 * Pushes one value as a conversion of its own: it may copy as much as the stack's
	 * {@link ConversionBudget} allows.
	 * @param stack the stack
	 * @param value the value
	 * @param path what the value is, for messages ({@code result}, {@code arg 1})
	 * @throws LuaConversionException if the value cannot enter Lua; nothing is left on
	 * the stack then
	 */
	void push(LuaStack stack, Object value, String path) {
		stack.ensure(1);
		if (value == null) {
			stack.pushNil();
		}
		else if (value instanceof String string) {
			stack.budget.start();
			stack.budget.charge(ConversionBudget.STRING + string.length(), path);
			stack.pushString(string);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short
				|| value instanceof Byte) {
			stack.pushInteger(((Number) value).longValue());
		}
		else if (value instanceof Boolean bool) {
			stack.pushBoolean(bool);
		}
		else if (value instanceof Double || value instanceof Float) {
			stack.pushNumber(((Number) value).doubleValue());
		}
		else {
			int top = stack.top();
			stack.budget.start();
			try {
				pushComplex(stack, value, path, new IdentityHashMap<>(), 0);
			}
			catch (RuntimeException ex) {
				stack.setTop(top);
				throw ex;
			}
		}
	}

	private void pushComplex(LuaStack stack, Object value, String path, IdentityHashMap<Object, Boolean> open,
			int depth) {
		if (value == null) {
			stack.pushNil();
			return;
		}
		if (value instanceof CharSequence || value instanceof Character) {
			String string = value.toString();
			stack.budget.charge(ConversionBudget.STRING + string.length(), path);
			stack.pushString(string);
			return;
		}
		if (value instanceof Boolean bool) {
			stack.pushBoolean(bool);
			return;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger) {
			stack.pushInteger(((Number) value).longValue());
			return;
		}
		if (value instanceof Number number) {
			if (value instanceof BigDecimal decimal && decimal.scale() <= 0) {
				stack.pushInteger(decimal.longValue());
				return;
			}
			stack.pushNumber(number.doubleValue());
			return;
		}
		if (value instanceof Enum<?> constant) {
			stack.pushString(constant.name());
			return;
		}
		if (value instanceof Optional<?> optional) {
			pushComplex(stack, optional.orElse(null), path, open, depth);
			return;
		}
		if (depth >= ValueReaders.MAX_DEPTH) {
			throw new LuaConversionException(path + ": nested deeper than " + ValueReaders.MAX_DEPTH + " levels");
		}
		if (open.put(value, Boolean.TRUE) != null) {
			throw new LuaConversionException(path + ": the value contains itself (a "
					+ value.getClass().getSimpleName() + " that refers back to itself cannot become a Lua table)");
		}
		stack.ensure(4);
		// The open set only catches a value that contains itself; a value shared by many
		// parents is copied once per parent, which the budget pays for.
		ConversionBudget budget = stack.budget;
		if (value instanceof Map<?, ?> map) {
			budget.charge(ConversionBudget.TABLE + (long) map.size() * ConversionBudget.ENTRY, path);
			stack.createTable(0, map.size());
			int table = stack.top();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				Object key = entry.getKey();
				if (key == null) {
					throw new LuaConversionException(path + ": a map with a null key cannot become a Lua table");
				}
				pushComplex(stack, key, path, open, depth + 1);
				pushComplex(stack, entry.getValue(), path + "." + key, open, depth + 1);
				stack.rawSet(table);
			}
		}
		else if (value instanceof Iterable<?> iterable) {
			budget.charge(ConversionBudget.TABLE, path);
			stack.createTable((value instanceof java.util.Collection<?> c) ? c.size() : 0, 0);
			int table = stack.top();
			int i = 0;
			for (Object element : iterable) {
				i++;
				budget.charge(ConversionBudget.ENTRY, path);
				pushComplex(stack, element, path + "[" + i + "]", open, depth + 1);
				stack.rawSetI(table, i);
			}
		}
		else if (value.getClass().isArray()) {
			int length = Array.getLength(value);
			budget.charge(ConversionBudget.TABLE + (long) length * ConversionBudget.ENTRY, path);
			stack.createTable(length, 0);
			int table = stack.top();
			for (int i = 0; i < length; i++) {
				pushComplex(stack, Array.get(value, i), path + "[" + (i + 1) + "]", open, depth + 1);
				stack.rawSetI(table, i + 1);
			}
		}
		else if (isValueType(value.getClass())) {
			open.remove(value);
			String string = this.conversionService.canConvert(value.getClass(), String.class)
					? this.conversionService.convert(value, String.class) : value.toString();
			if (string == null) {
				stack.pushNil();
				return;
			}
			budget.charge(ConversionBudget.STRING + string.length(), path);
			stack.pushString(string);
			return;
		}
		else {
			Accessor[] properties = accessorsOf(value.getClass());
			budget.charge(ConversionBudget.TABLE + (long) properties.length * ConversionBudget.ENTRY, path);
			stack.createTable(0, properties.length);
			int table = stack.top();
			for (Accessor property : properties) {
				Object propertyValue;
				try {
					propertyValue = property.getter.invoke(value);
				}
				catch (ReflectiveOperationException ex) {
					throw new LuaConversionException(path + "." + property.name + ": " + ex.getCause());
				}
				stack.pushString(property.name);
				pushComplex(stack, propertyValue, path + "." + property.name, open, depth + 1);
				stack.rawSet(table);
			}
		}
		open.remove(value);
	}

	private static boolean isValueType(Class<?> type) {
		String name = type.getName();
		return name.startsWith("java.") || name.startsWith("javax.") || type.isSynthetic();
	}

	private Accessor[] accessorsOf(Class<?> type) {
		return this.accessors.computeIfAbsent(type, ValueWriter::findAccessors);
	}

	private static Accessor[] findAccessors(Class<?> type) {
		List<Accessor> result = new ArrayList<>();
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				Method accessor = component.getAccessor();
				accessor.trySetAccessible();
				result.add(new Accessor(component.getName(), accessor));
			}
		}
		else {
			for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
				Method getter = descriptor.getReadMethod();
				if (getter != null && getter.getDeclaringClass() != Object.class) {
					getter.trySetAccessible();
					result.add(new Accessor(descriptor.getName(), getter));
				}
			}
		}
		return result.toArray(new Accessor[0]);
	}

	private record Accessor(String name, Method getter) {
	}

}
