package dev.luayield.endpoint;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

import dev.luayield.conversion.ValueReader;
import dev.luayield.engine.LuaConversionException;
import dev.luayield.engine.LuaStack;

/**
 * One entry of the dispatch table: a method of an endpoint bean as Lua calls it.
 * Everything about the call (its id, how each argument is read, how it is invoked) is
 * decided here once, when the table is built.
 *
 * @since 0.1.0
 */
public final class EndpointMethod {

	private final int id;

	private final String endpoint;

	private final String luaName;

	private final String qualifiedName;

	private final Method method;

	private final MethodHandle invoker;

	private final MethodHandle spreadInvoker;

	private final ValueReader[] readers;

	private final String[] argumentPaths;

	private final boolean returnsVoid;

	private final boolean simpleArguments;

	private final int requiredArguments;

	private final String doc;

	EndpointMethod(int id, String endpoint, String luaName, Method method, MethodHandle invoker, ValueReader[] readers,
			String doc) {
		this.id = id;
		this.endpoint = endpoint;
		this.luaName = luaName;
		this.qualifiedName = endpoint + "." + luaName;
		this.method = method;
		this.invoker = invoker;
		this.spreadInvoker = invoker.asSpreader(Object[].class, readers.length);
		this.readers = readers;
		this.argumentPaths = new String[readers.length];
		for (int i = 0; i < readers.length; i++) {
			this.argumentPaths[i] = "arg " + (i + 1);
		}
		this.returnsVoid = method.getReturnType() == void.class;
		boolean simple = true;
		for (Class<?> parameterType : method.getParameterTypes()) {
			simple &= isSimple(parameterType);
		}
		this.simpleArguments = simple;
		int required = 0;
		Class<?>[] parameterTypes = method.getParameterTypes();
		for (int i = 0; i < parameterTypes.length; i++) {
			if (parameterTypes[i].isPrimitive()) {
				required = i + 1;
			}
		}
		this.requiredArguments = required;
		this.doc = doc;
	}

	/**
	 * Returns the id scripts send for this method: its index in the dispatch table.
	 * @return the id
	 */
	public int getId() {
		return this.id;
	}

	/**
	 * Returns the Lua global of the endpoint.
	 * @return the endpoint name
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Returns the method's name in Lua.
	 * @return the Lua name
	 */
	public String getLuaName() {
		return this.luaName;
	}

	/**
	 * Returns {@code endpoint.method}, as error messages name the method.
	 * @return the qualified name
	 */
	public String getQualifiedName() {
		return this.qualifiedName;
	}

	/**
	 * Returns the Java method on the endpoint's user class (not its proxy).
	 * @return the method
	 */
	public Method getMethod() {
		return this.method;
	}

	/**
	 * Returns the method's description for script authors, or an empty string.
	 * @return the description
	 */
	public String getDoc() {
		return this.doc;
	}

	/**
	 * Returns the generic parameter types of the method.
	 * @return the parameter types
	 */
	public List<Type> getParameterTypes() {
		return Arrays.asList(this.method.getGenericParameterTypes());
	}

	public boolean returnsVoid() {
		return this.returnsVoid;
	}

	/**
	 * Returns whether every argument is read without touching the stack beyond its slot
	 * (numbers, booleans, strings, enums): such calls are read in place.
	 * @return {@code true} when no argument is a table to walk
	 */
	public boolean hasSimpleArguments() {
		return this.simpleArguments;
	}

	private static boolean isSimple(Class<?> type) {
		return type.isPrimitive() || type.isEnum() || type == String.class || type == CharSequence.class
				|| type == Boolean.class || type == Character.class
				|| (Number.class.isAssignableFrom(type) && type.getName().startsWith("java.lang."));
	}

	/**
	 * Reads the call's arguments from the stack, where they sit at {@code first} and
	 * above, and invokes the method with them: what the resume loop does for every
	 * request. Methods of up to three parameters, nearly all of them, are invoked without
	 * an argument array, through a handle of their exact arity; spreading an array would
	 * allocate one per call.
	 * @throws LuaConversionException if an argument does not fit its parameter
	 */
	public Object call(LuaStack stack, int first, int count) throws Throwable {
		// The arguments of one call are one conversion: it may copy the whole budget.
		stack.budget.start();
		ValueReader[] readers = this.readers;
		if (count != readers.length) {
			checkArity(stack, count);
		}
		String[] paths = this.argumentPaths;
		switch (readers.length) {
			case 0:
				return this.invoker.invokeExact();
			case 1:
				return this.invoker.invokeExact(readers[0].read(stack, first, paths[0]));
			case 2:
				return this.invoker.invokeExact(readers[0].read(stack, first, paths[0]),
						readers[1].read(stack, first + 1, paths[1]));
			case 3:
				return this.invoker.invokeExact(readers[0].read(stack, first, paths[0]),
						readers[1].read(stack, first + 1, paths[1]), readers[2].read(stack, first + 2, paths[2]));
			default:
				return invoke(readArguments(stack, first, count));
		}
	}

	private void checkArity(LuaStack stack, int count) {
		ValueReader[] readers = this.readers;
		if (count > readers.length) {
			throw new LuaConversionException("expected " + arguments(readers.length) + ", got " + count);
		}
		if (count < readers.length) {
			// Missing trailing arguments read as nil:
			// fine for Optional and boxed types only.
			if (this.requiredArguments > count) {
				throw new LuaConversionException("expected " + arguments(readers.length) + ", got " + count);
			}
			// No stack room needed: an index above the top reads as no value.
		}
	}

	/**
	 * Reads the call's arguments from the stack, where they sit at {@code first} and
	 * above. Arity is checked before anything is read.
	 */
	Object[] readArguments(LuaStack stack, int first, int count) {
		stack.budget.start();
		ValueReader[] readers = this.readers;
		if (count != readers.length) {
			checkArity(stack, count);
		}
		Object[] arguments = new Object[readers.length];
		for (int i = 0; i < readers.length; i++) {
			arguments[i] = readers[i].read(stack, first + i, this.argumentPaths[i]);
		}
		return arguments;
	}

	private static String arguments(int n) {
		return (n == 1) ? "1 argument" : n + " arguments";
	}

	Object invoke(Object[] arguments) throws Throwable {
		return this.spreadInvoker.invokeExact(arguments);
	}

	@Override
	public String toString() {
		return this.qualifiedName + " -> " + this.method.toGenericString();
	}

}
