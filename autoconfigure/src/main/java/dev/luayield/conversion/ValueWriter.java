package dev.luayield.conversion;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;
import java.util.stream.Stream;

import dev.luayield.engine.ConversionBudget;
import dev.luayield.engine.LuaConversionException;
import dev.luayield.engine.LuaStack;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;

/**
 * Pushes Java values onto a Lua stack: {@code null} as {@code nil}, numbers, booleans and
 * strings as themselves (integral types stay integral, big numbers exact or the nearest
 * double), enums by name, {@code java.time} values in ISO-8601, collections, arrays,
 * streams and iterators as sequences, maps, records and beans as tables, JPA entities by
 * their mapped properties with associations as ids. Any other JDK type, and any promise
 * of a value ({@code Future}, {@code Publisher}), is refused rather than rendered with
 * its {@code toString}. A graph that contains itself or nests deeper than
 * {@value ValueReaders#MAX_DEPTH} levels is refused with a message, never followed until
 * the stack overflows.
 *
 * @since 0.1.0
 */
public final class ValueWriter {

	private final ConversionService conversionService;

	/** The largest integer from which every smaller one is a distinct Lua number. */
	private static final BigDecimal MAX_EXACT_INTEGER = BigDecimal.valueOf(1L << 53);

	private final Map<Class<?>, Accessor[]> accessors = new ConcurrentHashMap<>();

	private final Map<Class<?>, EntityForm> entityForms = new ConcurrentHashMap<>();

	/**
	 * Creates a writer. Value types cross in fixed forms (ISO-8601 for dates), never
	 * through the conversion service's locale-dependent formatters.
	 * @param conversionService the application's conversion service, kept for converters
	 * that need it
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
	/**
	 * Returns whether a value crosses as one Lua scalar (nil, a string, a number, a
	 * boolean), which needs one stack slot and no more.
	 * @param value the value
	 * @return {@code true} for scalars
	 */
	public static boolean isScalar(Object value) {
		return value == null || value instanceof String || value instanceof Integer || value instanceof Long
				|| value instanceof Short || value instanceof Byte || value instanceof Boolean
				|| value instanceof Double || value instanceof Float;
	}

	public void push(LuaStack stack, Object value) {
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
	public void push(LuaStack stack, Object value, String path) {
		if (value == null) {
			stack.pushNil();
		}
		else if (value instanceof String string) {
			stack.budget.start();
			stack.budget.charge(ConversionBudget.STRING + string.length(), path);
			stack.pushString(string);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			stack.pushInteger(((Number) value).longValue());
		}
		else if (value instanceof Boolean bool) {
			stack.pushBoolean(bool);
		}
		else if (value instanceof Double || value instanceof Float) {
			stack.pushNumber(((Number) value).doubleValue());
		}
		else {
			stack.ensure(1);
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
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			stack.pushInteger(((Number) value).longValue());
			return;
		}
		if (value instanceof BigInteger || value instanceof BigDecimal) {
			pushBig(stack, (Number) value);
			return;
		}
		if (value instanceof Number number) {
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
		if (value instanceof OptionalInt optional) {
			pushComplex(stack, optional.isPresent() ? optional.getAsInt() : null, path, open, depth);
			return;
		}
		if (value instanceof OptionalLong optional) {
			pushComplex(stack, optional.isPresent() ? optional.getAsLong() : null, path, open, depth);
			return;
		}
		if (value instanceof OptionalDouble optional) {
			pushComplex(stack, optional.isPresent() ? optional.getAsDouble() : null, path, open, depth);
			return;
		}
		String scalar = scalarForm(value);
		if (scalar != null) {
			stack.budget.charge(ConversionBudget.STRING + scalar.length(), path);
			stack.pushString(scalar);
			return;
		}
		String refusal = asynchronous(value.getClass());
		if (refusal != null) {
			throw new LuaConversionException(path + ": " + refusal);
		}
		value = EntityForm.unproxy(value);
		if (depth >= ValueReaders.MAX_DEPTH) {
			throw new LuaConversionException(path + ": nested deeper than " + ValueReaders.MAX_DEPTH + " levels");
		}
		if (open.put(value, Boolean.TRUE) != null) {
			throw new LuaConversionException(path + ": the value contains itself (a " + value.getClass().getSimpleName()
					+ " that refers back to itself cannot become a Lua table)");
		}
		stack.ensure(4);
		// The open set only catches a value that contains itself; a value shared
		// by many parents is copied once per parent, which the budget pays for.
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
			pushSequence(stack, iterable.iterator(), (value instanceof Collection<?> c) ? c.size() : 0, path, open,
					depth);
		}
		else if (value instanceof BaseStream<?, ?> stream) {
			// A stream is consumed as far as the budget allows, and
			// closed whatever happens: it may hold a database cursor.
			try (stream) {
				pushSequence(stack, stream.iterator(), 0, path, open, depth);
			}
		}
		else if (value instanceof Iterator<?> iterator) {
			pushSequence(stack, iterator, 0, path, open, depth);
		}
		else if (value instanceof Enumeration<?> enumeration) {
			pushSequence(stack, enumeration.asIterator(), 0, path, open, depth);
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
		else if (hasNoLuaForm(value.getClass())) {
			// Its toString would hand the script a
			// class name and a hash code, not a value.
			throw new LuaConversionException(path + ": a " + value.getClass().getName()
					+ " has no Lua form (see \"Values across the boundary\" in docs/endpoints.md)");
		}
		else if (JavaTypes.isEntity(value.getClass())) {
			EntityForm form = entityForm(value.getClass());
			form.push(stack, value, path, budget, this.entityForms,
					(v, p) -> pushComplex(stack, v, p, open, depth + 1));
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

	private void pushSequence(LuaStack stack, Iterator<?> iterator, int size, String path,
			IdentityHashMap<Object, Boolean> open, int depth) {
		ConversionBudget budget = stack.budget;
		budget.charge(ConversionBudget.TABLE, path);
		stack.createTable(size, 0);
		int table = stack.top();
		int i = 0;
		while (iterator.hasNext()) {
			Object element = iterator.next();
			i++;
			budget.charge(ConversionBudget.ENTRY, path);
			pushComplex(stack, element, path + "[" + i + "]", open, depth + 1);
			stack.rawSetI(table, i);
		}
	}

	/**
	 * Pushes a big number exactly when a Lua number holds it exactly (every integer up to
	 * 2^53 in magnitude, and decimals whose double is exactly their value), otherwise as
	 * the nearest double: what a Lua number can be, never the low 64 bits of the value.
	 */
	private static void pushBig(LuaStack stack, Number value) {
		BigDecimal decimal = (value instanceof BigDecimal d) ? d : new BigDecimal((BigInteger) value);
		if (decimal.signum() == 0
				|| (decimal.stripTrailingZeros().scale() <= 0 && decimal.abs().compareTo(MAX_EXACT_INTEGER) <= 0)) {
			stack.pushInteger(decimal.longValue());
		}
		else {
			stack.pushNumber(decimal.doubleValue());
		}
	}

	/**
	 * Returns the string form of a value that crosses as a string: {@code java.time}
	 * values in ISO-8601, and a few identifiers with one canonical text. No value's
	 * {@code toString} is used unless it is that documented form.
	 */
	private static String scalarForm(Object value) {
		String time = JavaTypes.formatTime(value);
		if (time != null) {
			return time;
		}
		if (value instanceof UUID || value instanceof URI || value instanceof URL) {
			return value.toString();
		}
		if (value instanceof Locale locale) {
			return locale.toLanguageTag();
		}
		if (value instanceof Currency currency) {
			return currency.getCurrencyCode();
		}
		if (value instanceof TimeZone zone) {
			return zone.getID();
		}
		if (value instanceof Charset charset) {
			return charset.name();
		}
		return null;
	}

	/**
	 * Returns why a type, a promise of a value rather than a value, cannot cross, or
	 * {@code null}. A script's call is synchronous; an endpoint that needs to wait waits,
	 * and returns the value.
	 * @param type the result's type
	 * @return the reason, or {@code null}
	 */
	static @Nullable String asynchronous(Class<?> type) {
		if (Future.class.isAssignableFrom(type) || CompletionStage.class.isAssignableFrom(type)
				|| Flow.Publisher.class.isAssignableFrom(type)
				|| implementsNamed(type, "org.reactivestreams.Publisher")) {
			return "a " + type.getName() + " is a value still to come, which cannot become a Lua value; the endpoint"
					+ " must wait for it and return the value itself";
		}
		return null;
	}

	private static boolean implementsNamed(Class<?> type, String name) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (candidate.getName().equals(name)) {
				return true;
			}
			for (Class<?> implemented : candidate.getInterfaces()) {
				if (implementsNamed(implemented, name)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Checks, when the dispatch table is built, that a method's results can ever enter
	 * Lua: a promise of a value never can.
	 * @param type the method's return type
	 * @return why not, or {@code null}
	 */
	public static @Nullable String checkReturnType(ResolvableType type) {
		Class<?> raw = type.toClass();
		if (raw == Optional.class || Collection.class.isAssignableFrom(raw) || raw == Iterator.class
				|| raw == Stream.class) {
			ResolvableType element = type.getGeneric(0);
			return (element == ResolvableType.NONE) ? null : checkReturnType(element);
		}
		return asynchronous(raw);
	}

	/**
	 * JDK and platform types other than the ones with a documented form above have none:
	 * threads, classes, streams of bytes, lambdas...
	 */
	private static boolean hasNoLuaForm(Class<?> type) {
		String name = type.getName();
		return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
				|| name.startsWith("sun.") || type.isSynthetic() || name.contains("$$Lambda");
	}

	private EntityForm entityForm(Class<?> type) {
		return this.entityForms.computeIfAbsent(type, EntityForm::new);
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
