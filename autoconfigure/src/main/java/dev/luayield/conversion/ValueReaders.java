package dev.luayield.conversion;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.luayield.engine.ConversionBudget;
import dev.luayield.engine.LuaConversionException;
import dev.luayield.engine.LuaStack;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

/**
 * Decides, once per Java type, how a Lua value becomes that type: the strict built-in
 * readers for numbers, strings, booleans, enums, containers, records and beans, then the
 * application's {@link ConversionService} for anything else (an entity looked up by id,
 * for example).
 *
 * @since 0.1.0
 */
public final class ValueReaders {

	/** How deep a table may nest before reading it is refused (also catches cycles). */
	static final int MAX_DEPTH = 64;

	private static final TypeDescriptor LONG = TypeDescriptor.valueOf(Long.class);

	private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

	private final ConversionService conversionService;

	private final Map<ResolvableType, ValueReader> cache = new ConcurrentHashMap<>();

	/**
	 * Creates readers that fall back to the given conversion service.
	 * @param conversionService converts ids and strings to application types
	 */
	public ValueReaders(ConversionService conversionService) {
		this.conversionService = conversionService;
	}

	/**
	 * Returns the reader for a Java type.
	 * @param type the type
	 * @return its reader
	 * @throws IllegalArgumentException if no Lua value can become that type
	 */
	ValueReader forType(ResolvableType type) {
		ValueReader reader = this.cache.get(type);
		if (reader == null) {
			reader = create(type);
			this.cache.put(type, reader);
		}
		return reader;
	}

	public ValueReader forClass(Class<?> type) {
		return forType(ResolvableType.forClass(type));
	}

	/**
	 * Returns the reader of a method's parameter: that of its type, except that a
	 * parameter loaded by id (an entity) and annotated {@code @Nullable} also takes
	 * {@code nil}, which its type's reader refuses.
	 * @param method the method
	 * @param index the parameter's index
	 * @param userClass the class the method is called on, to resolve type variables
	 * @return the reader
	 * @throws IllegalArgumentException if no Lua value can become the parameter's type
	 */
	public ValueReader forParameter(Method method, int index, Class<?> userClass) {
		ResolvableType type = ResolvableType.forMethodParameter(method, index, userClass);
		ValueReader reader = forType(type);
		if (isLoadedById(type.toClass()) && JavaTypes.isNullableParameter(method, index)) {
			return (stack, i, path) -> (stack.type(i) <= LuaStack.TNIL) ? null : reader.read(stack, i, path);
		}
		return reader;
	}

	/**
	 * Returns whether values of a type are loaded by id through the ConversionService
	 * (Spring Data's DomainClassConverter for entities, or any converter from Long)
	 * rather than built by a built-in reader.
	 * @param type the type
	 * @return whether a Lua id becomes such a value
	 */
	boolean isLoadedById(Class<?> type) {
		return !type.isPrimitive() && !type.getName().startsWith("java.")
				&& this.conversionService.canConvert(LONG, TypeDescriptor.valueOf(type));
	}

	/**
	 * Reads a value as the natural Java value of its Lua type: {@code nil} as null, an
	 * integral number as {@link Long}, other numbers as {@link Double}, a sequence as a
	 * {@link List} and any other table as a {@link Map}.
	 * @param stack the stack
	 * @param index the index
	 * @param path where the value sits, for messages
	 * @return the Java value
	 */
	public static Object readNatural(LuaStack stack, int index, String path) {
		return readNatural(stack, index, path, 0);
	}

	private static Object readNatural(LuaStack stack, int index, String path, int depth) {
		int type = stack.type(index);
		switch (type) {
			case LuaStack.TNIL:
			case LuaStack.TNONE:
				return null;
			case LuaStack.TBOOLEAN:
				return stack.toBoolean(index);
			case LuaStack.TNUMBER: {
				double value = stack.toNumber(index);
				if (isIntegral(value)) {
					return (long) value;
				}
				return value;
			}
			case LuaStack.TSTRING:
				return readString(stack, index, path);
			case LuaStack.TTABLE:
				return readTable(stack, index, path, depth);
			default:
				throw new LuaConversionException(path + ": a " + LuaStack.typeName(type) + " cannot leave Lua");
		}
	}

	private static Object readTable(LuaStack stack, int index, String path, int depth) {
		checkDepth(path, depth);
		ConversionBudget budget = stack.budget;
		budget.charge(ConversionBudget.TABLE, path);
		Map<Object, Object> entries = new LinkedHashMap<>();
		boolean sequence = true;
		stack.ensure(3);
		stack.pushNil();
		while (stack.next(index) != 0) {
			int keyIndex = stack.top() - 1;
			int keyType = stack.type(keyIndex);
			try {
				budget.charge(ConversionBudget.ENTRY, path);
				Object key;
				if (keyType == LuaStack.TSTRING) {
					key = readString(stack, keyIndex, path);
					sequence = false;
				}
				else if (keyType == LuaStack.TNUMBER) {
					double number = stack.toNumber(keyIndex);
					key = isIntegral(number) ? (Object) (long) number : (Object) number;
					sequence &= key instanceof Long && (Long) key >= 1;
				}
				else if (keyType == LuaStack.TBOOLEAN) {
					key = stack.toBoolean(keyIndex);
					sequence = false;
				}
				else {
					throw new LuaConversionException(
							path + ": a table key of type " + LuaStack.typeName(keyType) + " cannot leave Lua");
				}
				entries.put(key, readNatural(stack, stack.top(), path + "." + key, depth + 1));
			}
			catch (RuntimeException ex) {
				stack.pop(2);
				throw ex;
			}
			stack.pop(1);
		}
		if (sequence && !entries.isEmpty() && isDenseFromOne(entries)) {
			List<Object> list = new ArrayList<>(entries.size());
			for (long i = 1; i <= entries.size(); i++) {
				list.add(entries.get(i));
			}
			return list;
		}
		if (entries.isEmpty()) {
			return new LinkedHashMap<>();
		}
		return entries;
	}

	private static boolean isDenseFromOne(Map<Object, Object> entries) {
		for (long i = 1; i <= entries.size(); i++) {
			if (!entries.containsKey(i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns whether a number is an integer a {@code long} holds exactly: from
	 * {@code -2^63}, which a long holds, up to but excluding {@code 2^63}, which it does
	 * not.
	 */
	static boolean isIntegral(double value) {
		return value == Math.rint(value) && value >= -0x1p63 && value < 0x1p63;
	}

	/**
	 * Reads a Lua string as a Java string, refusing bytes that are not UTF-8: decoding
	 * them would replace each with U+FFFD, and the string that came back to Lua would not
	 * be the one the script sent. Only a string holding U+FFFD after decoding can have
	 * had invalid bytes, so valid strings pay nothing for the check.
	 */
	static String readString(LuaStack stack, int index, String path) {
		String string = stack.readString(index, path);
		if (string.indexOf('\uFFFD') >= 0 && !isUtf8(stack, index)) {
			throw new LuaConversionException(path + ": not valid UTF-8 (a Lua string passed as a Java string"
					+ " must be UTF-8; binary data cannot cross as a string)");
		}
		return string;
	}

	private static boolean isUtf8(LuaStack stack, int index) {
		Object buffer = stack.natives.luaJ_tobuffer(stack.pointer, index);
		if (!(buffer instanceof ByteBuffer bytes)) {
			return true;
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes);
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static void checkDepth(String path, int depth) {
		if (depth >= MAX_DEPTH) {
			throw new LuaConversionException(
					path + ": tables nested deeper than " + MAX_DEPTH + " levels (or a table that contains itself)");
		}
	}

	private ValueReader create(ResolvableType type) {
		Class<?> raw = type.toClass();
		if (raw == Object.class) {
			return ValueReaders::readNatural;
		}
		if (raw == int.class || raw == Integer.class) {
			return intReader(raw.isPrimitive());
		}
		if (raw == long.class || raw == Long.class) {
			return integral(raw.isPrimitive(), Long.MIN_VALUE, Long.MAX_VALUE, (value) -> value);
		}
		if (raw == short.class || raw == Short.class) {
			return integral(raw.isPrimitive(), Short.MIN_VALUE, Short.MAX_VALUE, (value) -> (short) value);
		}
		if (raw == byte.class || raw == Byte.class) {
			return integral(raw.isPrimitive(), Byte.MIN_VALUE, Byte.MAX_VALUE, (value) -> (byte) value);
		}
		if (raw == double.class || raw == Double.class || raw == Number.class) {
			return number(raw.isPrimitive(), (value) -> value);
		}
		if (raw == float.class || raw == Float.class) {
			return floatReader(raw.isPrimitive());
		}
		if (raw == BigInteger.class) {
			return bigInteger();
		}
		if (raw == BigDecimal.class) {
			return bigDecimal();
		}
		Function<String, Object> timeParser = JavaTypes.TIME_PARSERS.get(raw);
		if (timeParser != null) {
			return parsed(raw, timeParser);
		}
		if (raw == boolean.class || raw == Boolean.class) {
			boolean primitive = raw.isPrimitive();
			return (stack, index, path) -> {
				int luaType = stack.type(index);
				if (luaType == LuaStack.TBOOLEAN) {
					return stack.toBoolean(index);
				}
				if (!primitive && luaType <= LuaStack.TNIL) {
					return null;
				}
				throw mismatch(path, "boolean", luaType);
			};
		}
		if (raw == String.class || raw == CharSequence.class) {
			return (stack, index, path) -> {
				int luaType = stack.type(index);
				if (luaType == LuaStack.TSTRING) {
					return readString(stack, index, path);
				}
				if (luaType <= LuaStack.TNIL) {
					return null;
				}
				throw mismatch(path, "string", luaType);
			};
		}
		if (raw.isEnum()) {
			return enumReader(raw);
		}
		if (raw == Optional.class) {
			ValueReader element = forType(type.getGeneric(0));
			return (stack, index, path) -> (stack.type(index) <= LuaStack.TNIL) ? Optional.empty()
					: Optional.ofNullable(element.read(stack, index, path));
		}
		if (raw.isArray()) {
			Class<?> componentClass = raw.getComponentType();
			ValueReader element = forType(type.getComponentType());
			return sequence(element, (list) -> {
				Object array = Array.newInstance(componentClass, list.size());
				for (int i = 0; i < list.size(); i++) {
					Array.set(array, i, list.get(i));
				}
				return array;
			});
		}
		if (raw == List.class || raw == Collection.class || raw == Iterable.class) {
			return sequence(forType(type.asCollection().getGeneric(0)), Collections::unmodifiableList);
		}
		if (raw == Set.class) {
			return sequence(forType(type.asCollection().getGeneric(0)),
					(list) -> Collections.unmodifiableSet(new LinkedHashSet<>(list)));
		}
		if (raw == Map.class) {
			ResolvableType map = type.asMap();
			return mapReader(forType(map.getGeneric(0)), forType(map.getGeneric(1)));
		}
		if (raw.isRecord()) {
			return recordReader(raw);
		}
		if (canConvert(raw)) {
			return converted(type);
		}
		if (JavaTypes.isEntity(raw)) {
			// Building an entity from a table would let a script assign
			// its id and every field: entities are only ever loaded by id.
			throw new IllegalArgumentException(raw.getName() + " is a JPA entity, which a script passes by id,"
					+ " and nothing loads it by id (a Spring Data repository for it, through DomainClassConverter,"
					+ " or a converter from Long or String in the luaConversionService)");
		}
		if (isBean(raw)) {
			return beanReader(raw);
		}
		throw new IllegalArgumentException("no Lua value can become " + type
				+ " (supported: numbers, String, boolean, enums, Optional, List, Set, Map, arrays, records,"
				+ " beans with a default constructor, and types the ConversionService converts from Long or String)");
	}

	private interface LongFunction {

		Object apply(long value);

	}

	private interface DoubleFunction {

		Object apply(double value);

	}

	private static ValueReader integral(boolean primitive, long min, long max, LongFunction box) {
		return (stack, index, path) -> {
			int luaType = stack.type(index);
			if (luaType == LuaStack.TNUMBER) {
				double value = stack.toNumber(index);
				if (!isIntegral(value)) {
					throw new LuaConversionException(
							path + " expected integer, got number " + LuaStack.formatNumber(value));
				}
				long integer = (long) value;
				if (integer < min || integer > max) {
					throw new LuaConversionException(
							path + " expected integer in [" + min + ", " + max + "], got " + integer);
				}
				return box.apply(integer);
			}
			if (!primitive && luaType <= LuaStack.TNIL) {
				return null;
			}
			throw mismatch(path, "integer", luaType);
		};
	}

	/**
	 * The reader of the most common parameter type, on the path of nearly every endpoint
	 * call: one comparison tells an int that fits from everything else, and only that
	 * everything else goes through {@link #integral} for its message.
	 */
	private static ValueReader intReader(boolean primitive) {
		ValueReader slow = integral(primitive, Integer.MIN_VALUE, Integer.MAX_VALUE, (value) -> (int) value);
		return (stack, index, path) -> {
			if (stack.type(index) == LuaStack.TNUMBER) {
				double value = stack.toNumber(index);
				int integer = (int) value;
				if (integer == value) {
					return integer;
				}
			}
			return slow.read(stack, index, path);
		};
	}

	private static ValueReader number(boolean primitive, DoubleFunction box) {
		return (stack, index, path) -> {
			int luaType = stack.type(index);
			if (luaType == LuaStack.TNUMBER) {
				return box.apply(stack.toNumber(index));
			}
			if (!primitive && luaType <= LuaStack.TNIL) {
				return null;
			}
			throw mismatch(path, "number", luaType);
		};
	}

	/**
	 * A float takes any number a float can stand for, rounded to the nearest; a finite
	 * number beyond the float range would become infinity, and is refused.
	 */
	private static ValueReader floatReader(boolean primitive) {
		return (stack, index, path) -> {
			int luaType = stack.type(index);
			if (luaType == LuaStack.TNUMBER) {
				double value = stack.toNumber(index);
				float single = (float) value;
				if (Float.isInfinite(single) && !Double.isInfinite(value)) {
					throw new LuaConversionException(path + " expected number in the float range (|x| <= "
							+ Float.MAX_VALUE + "), got " + LuaStack.formatNumber(value));
				}
				return single;
			}
			if (!primitive && luaType <= LuaStack.TNIL) {
				return null;
			}
			throw mismatch(path, "number", luaType);
		};
	}

	/**
	 * A BigInteger takes an integral number, or a string of decimal digits for values a
	 * Lua number cannot hold exactly.
	 */
	private static ValueReader bigInteger() {
		return (stack, index, path) -> {
			int luaType = stack.type(index);
			if (luaType == LuaStack.TNUMBER) {
				double value = stack.toNumber(index);
				if (Double.isInfinite(value) || Double.isNaN(value) || value != Math.rint(value)) {
					throw new LuaConversionException(
							path + " expected integer, got number " + LuaStack.formatNumber(value));
				}
				return new BigDecimal(value).toBigIntegerExact();
			}
			if (luaType == LuaStack.TSTRING) {
				String text = readString(stack, index, path);
				try {
					return new BigInteger(text);
				}
				catch (NumberFormatException ex) {
					throw new LuaConversionException(
							path + " expected an integer or a string of digits, got \"" + text + "\"");
				}
			}
			if (luaType <= LuaStack.TNIL) {
				return null;
			}
			throw mismatch(path, "integer", luaType);
		};
	}

	/**
	 * A BigDecimal takes a number as its shortest decimal form (0.1 is 0.1, not the
	 * binary fraction's 55 digits), or a string for an exact decimal.
	 */
	private static ValueReader bigDecimal() {
		return (stack, index, path) -> {
			int luaType = stack.type(index);
			if (luaType == LuaStack.TNUMBER) {
				double value = stack.toNumber(index);
				if (Double.isInfinite(value) || Double.isNaN(value)) {
					throw new LuaConversionException(path + " expected a finite number, got " + value);
				}
				return isIntegral(value) ? BigDecimal.valueOf((long) value) : BigDecimal.valueOf(value);
			}
			if (luaType == LuaStack.TSTRING) {
				String text = readString(stack, index, path);
				try {
					return new BigDecimal(text);
				}
				catch (NumberFormatException ex) {
					throw new LuaConversionException(
							path + " expected a number or a decimal string, got \"" + text + "\"");
				}
			}
			if (luaType <= LuaStack.TNIL) {
				return null;
			}
			throw mismatch(path, "number", luaType);
		};
	}

	/**
	 * Reads a string in the type's ISO-8601 form; the ConversionService's formatters
	 * would expect the JVM locale's form instead ({@code 12/3/26}).
	 */
	private static ValueReader parsed(Class<?> type, Function<String, Object> parser) {
		String name = type.getSimpleName();
		return (stack, index, path) -> {
			int luaType = stack.type(index);
			if (luaType <= LuaStack.TNIL) {
				return null;
			}
			if (luaType != LuaStack.TSTRING) {
				throw mismatch(path, "string (" + name + " in ISO-8601)", luaType);
			}
			String text = readString(stack, index, path);
			try {
				return parser.apply(text);
			}
			catch (RuntimeException ex) {
				throw new LuaConversionException(path + " expected " + name + " in ISO-8601, got \"" + text + "\"");
			}
		};
	}

	static LuaConversionException mismatch(String path, String expected, int luaType) {
		return new LuaConversionException(path + " expected " + expected + ", got " + LuaStack.typeName(luaType));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ValueReader enumReader(Class<?> enumType) {
		Object[] constants = enumType.getEnumConstants();
		return (stack, index, path) -> {
			int luaType = stack.type(index);
			if (luaType <= LuaStack.TNIL) {
				return null;
			}
			if (luaType != LuaStack.TSTRING) {
				throw mismatch(path, "string", luaType);
			}
			String name = readString(stack, index, path);
			for (Object constant : constants) {
				if (((Enum) constant).name().equals(name)) {
					return constant;
				}
			}
			throw new LuaConversionException(
					path + " expected one of " + Arrays.toString(constants) + ", got \"" + name + "\"");
		};
	}

	/**
	 * Returns whether the value at {@code index} is a table to read ({@code false} for
	 * nil, which readers return as null).
	 * @throws LuaConversionException for any other type
	 */
	private static boolean isTableOrNil(LuaStack stack, int index, String path) {
		int luaType = stack.type(index);
		if (luaType <= LuaStack.TNIL) {
			return false;
		}
		if (luaType != LuaStack.TTABLE) {
			throw mismatch(path, "table", luaType);
		}
		return true;
	}

	private interface ListFinisher {

		Object finish(List<Object> list);

	}

	private static ValueReader sequence(ValueReader element, ListFinisher finisher) {
		return (stack, index, path) -> {
			if (!isTableOrNil(stack, index, path)) {
				return null;
			}
			long length = stack.natives.luaJ_len(stack.pointer, index);
			// Every slot up to the border is read, whether it holds a value
			// or not: a table of a few entries can have a border of
			// millions, so the slots are paid for before the first is read.
			ConversionBudget budget = stack.budget;
			budget.charge(ConversionBudget.TABLE + Math.max(length, 0) * ConversionBudget.SLOT, path);
			List<Object> list = new ArrayList<>((int) Math.min(length, 1024));
			stack.ensure(2);
			for (int i = 1; i <= length; i++) {
				budget.tick(path);
				stack.rawGetI(index, i);
				try {
					list.add(element.read(stack, stack.top(), path + "[" + i + "]"));
				}
				finally {
					stack.pop(1);
				}
			}
			return finisher.finish(list);
		};
	}

	private static ValueReader mapReader(ValueReader keys, ValueReader values) {
		return (stack, index, path) -> {
			if (!isTableOrNil(stack, index, path)) {
				return null;
			}
			ConversionBudget budget = stack.budget;
			budget.charge(ConversionBudget.TABLE, path);
			Map<Object, Object> map = new LinkedHashMap<>();
			stack.ensure(3);
			stack.pushNil();
			while (stack.next(index) != 0) {
				int top = stack.top();
				try {
					budget.charge(ConversionBudget.ENTRY, path);
					Object key = keys.read(stack, top - 1, path + " key");
					map.put(key, values.read(stack, top, path + "." + key));
				}
				catch (RuntimeException ex) {
					stack.pop(2);
					throw ex;
				}
				stack.pop(1);
			}
			return Collections.unmodifiableMap(map);
		};
	}

	private ValueReader recordReader(Class<?> recordType) {
		RecordComponent[] components = recordType.getRecordComponents();
		Class<?>[] types = new Class<?>[components.length];
		ValueReader[] readers = new ValueReader[components.length];
		String[] names = new String[components.length];
		Set<String> known = new HashSet<>();
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
			names[i] = components[i].getName();
			known.add(names[i]);
			readers[i] = forType(ResolvableType.forType(components[i].getGenericType()));
		}
		Constructor<?> constructor;
		try {
			constructor = recordType.getDeclaredConstructor(types);
			constructor.setAccessible(true);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalArgumentException("record " + recordType.getName() + " has no canonical constructor", ex);
		}
		FieldPaths fieldPaths = new FieldPaths(names);
		return (stack, index, path) -> {
			if (!isTableOrNil(stack, index, path)) {
				return null;
			}
			// Unknown keys are found by counting: a table holding only known
			// fields has as many keys as fields present. Naming each key as
			// a Java string to look it up, as checkKeys does, costs a string
			// per key per call; it runs only to say which key is wrong. The
			// fields are read raw: lua_getfield would run the table's __index,
			// outside any protected call, where an error or a yield takes the
			// whole process down.
			int table = stack.absolute(index);
			long fields = stack.pushFields(table, names);
			long keys = fields & 0xffffffffL;
			int present = (int) ((fields >>> 32) & 0xffff);
			int first = (int) (fields >>> 48);
			Object[] values = new Object[readers.length];
			String[] paths = fieldPaths.under(path);
			try {
				stack.budget.charge(ConversionBudget.TABLE + keys * ConversionBudget.SLOT, path);
				for (int i = 0; i < readers.length; i++) {
					try {
						values[i] = readers[i].read(stack, first + i, paths[i]);
						if (values[i] == null && types[i].isPrimitive()) {
							throw new LuaConversionException(paths[i] + " is required");
						}
					}
					catch (LuaConversionException ex) {
						// An unknown key is reported before a bad
						// value, as when keys were checked first.
						checkKeys(stack, table, path, known, recordType);
						throw ex;
					}
				}
			}
			finally {
				stack.pop(readers.length);
			}
			if (present != keys) {
				checkKeys(stack, table, path, known, recordType);
			}
			return instantiate(constructor, values);
		};
	}

	/**
	 * The paths of a record's fields under the path the record is read at ("arg 1" gives
	 * "arg 1.w", "arg 1.h"), kept for the last such path. A record argument is read at
	 * the same path on every call, so the fields' paths, which every reader takes for its
	 * messages, are not built again for each call.
	 */
	private static final class FieldPaths {

		private final String[] names;

		private volatile Resolved last;

		FieldPaths(String[] names) {
			this.names = names;
		}

		String[] under(String parent) {
			Resolved resolved = this.last;
			if (resolved == null || !resolved.parent.equals(parent)) {
				String[] paths = new String[this.names.length];
				for (int i = 0; i < paths.length; i++) {
					paths[i] = parent + "." + this.names[i];
				}
				resolved = new Resolved(parent, paths);
				this.last = resolved;
			}
			return resolved.paths;
		}

		private record Resolved(String parent, String[] paths) {
		}

	}

	/**
	 * Calls a record's canonical constructor as {@link BeanUtils#instantiateClass} would,
	 * without its per-call work for Kotlin and default values, which records never need.
	 */
	private static Object instantiate(Constructor<?> constructor, Object[] values) {
		try {
			return constructor.newInstance(values);
		}
		catch (java.lang.reflect.InvocationTargetException ex) {
			throw new org.springframework.beans.BeanInstantiationException(constructor, "Constructor threw exception",
					ex.getTargetException());
		}
		catch (ReflectiveOperationException | IllegalArgumentException ex) {
			return BeanUtils.instantiateClass(constructor, values);
		}
	}

	private static void checkKeys(LuaStack stack, int index, String path, Set<String> known, Class<?> type) {
		stack.ensure(3);
		stack.pushNil();
		while (stack.next(index) != 0) {
			int keyIndex = stack.top() - 1;
			if (stack.type(keyIndex) != LuaStack.TSTRING || !known.contains(stack.toJavaString(keyIndex))) {
				String key = (stack.type(keyIndex) == LuaStack.TSTRING) ? stack.toJavaString(keyIndex)
						: "[" + LuaStack.typeName(stack.type(keyIndex)) + "]";
				stack.pop(2);
				throw new LuaConversionException(
						path + ": " + type.getSimpleName() + " has no field '" + key + "' (fields: " + known + ")");
			}
			stack.pop(1);
		}
	}

	private static boolean isBean(Class<?> type) {
		if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.getName().startsWith("java.")) {
			return false;
		}
		try {
			type.getConstructor();
			return true;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	private ValueReader beanReader(Class<?> beanType) {
		return (stack, index, path) -> {
			Object natural = readNatural(stack, index, path);
			if (natural == null) {
				return null;
			}
			if (!(natural instanceof Map<?, ?> map)) {
				throw mismatch(path, "table", stack.type(index));
			}
			Object bean = BeanUtils.instantiateClass(beanType);
			BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(bean);
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String name = String.valueOf(entry.getKey());
				if (!wrapper.isWritableProperty(name)) {
					throw new LuaConversionException(
							path + ": " + beanType.getSimpleName() + " has no writable property '" + name + "'");
				}
				try {
					wrapper.setPropertyValue(name, entry.getValue());
				}
				catch (RuntimeException ex) {
					throw new LuaConversionException(path + "." + name + ": " + rootMessage(ex));
				}
			}
			return bean;
		};
	}

	private boolean canConvert(Class<?> type) {
		TypeDescriptor target = TypeDescriptor.valueOf(type);
		return this.conversionService.canConvert(LONG, target) || this.conversionService.canConvert(STRING, target);
	}

	private ValueReader converted(ResolvableType type) {
		TypeDescriptor target = new TypeDescriptor(type, null, null);
		String simpleName = type.toClass().getSimpleName();
		boolean byId = isLoadedById(type.toClass());
		return (stack, index, path) -> {
			if (byId) {
				checkId(stack, index, path, simpleName);
			}
			Object natural = readNatural(stack, index, path);
			if (natural == null) {
				return null;
			}
			Object converted;
			try {
				converted = this.conversionService.convert(natural, TypeDescriptor.forObject(natural), target);
			}
			catch (RuntimeException ex) {
				throw new LuaConversionException(path + ": cannot convert " + describe(natural) + " to " + simpleName
						+ " (" + rootMessage(ex) + ")");
			}
			if (converted == null) {
				throw new LuaConversionException(path + ": no " + simpleName + " with id " + describe(natural));
			}
			return converted;
		};
	}

	/**
	 * An id is an integer or a string, the forms an id type takes exactly: any other
	 * number would be rounded to some other entity's id, and {@code nil} is no entity
	 * unless the parameter says it may be absent ({@code Optional}, {@code @Nullable}).
	 */
	private static void checkId(LuaStack stack, int index, String path, String simpleName) {
		int luaType = stack.type(index);
		if (luaType == LuaStack.TNUMBER) {
			double value = stack.toNumber(index);
			if (!isIntegral(value)) {
				throw new LuaConversionException(
						path + " expected integer (" + simpleName + " id), got number " + LuaStack.formatNumber(value));
			}
		}
		else if (luaType != LuaStack.TSTRING) {
			// A missing trailing argument is nil to
			// the script, whatever the stack calls it.
			throw mismatch(path, "integer (" + simpleName + " id)", Math.max(luaType, LuaStack.TNIL));
		}
	}

	private static String describe(Object natural) {
		return (natural instanceof String) ? "\"" + natural + "\"" : String.valueOf(natural);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
