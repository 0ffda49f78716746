package dev.luayield.endpoint;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.luayield.annotation.LuaIgnore;
import dev.luayield.annotation.LuaMethod;
import dev.luayield.conversion.ValueReader;
import dev.luayield.conversion.ValueReaders;
import dev.luayield.conversion.ValueWriter;
import dev.luayield.sandbox.LuaNames;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Every endpoint method, indexed by the small integer id its Lua proxy sends. Built once;
 * the resume loop only ever indexes into it.
 *
 * @since 0.1.0
 */
public final class DispatchTable {

	private final EndpointMethod[] methods;

	private final Map<String, Map<String, Integer>> idsByEndpoint;

	private final List<EndpointBean> endpoints;

	private DispatchTable(EndpointMethod[] methods, Map<String, Map<String, Integer>> idsByEndpoint,
			List<EndpointBean> endpoints) {
		this.methods = methods;
		this.idsByEndpoint = idsByEndpoint;
		this.endpoints = endpoints;
	}

	/**
	 * Builds the table for the given beans.
	 * @param beans the endpoint beans
	 * @param readers decides how each parameter is read
	 * @return the table
	 * @throws InvalidLuaEndpointException if an endpoint cannot be exposed as declared
	 */
	public static DispatchTable build(List<EndpointBean> beans, ValueReaders readers) {
		// Id 0 is the sandbox's print; endpoint ids start at 1.
		List<EndpointMethod> methods = new ArrayList<>();
		methods.add(null);
		Map<String, Map<String, Integer>> ids = new LinkedHashMap<>();
		Map<String, Class<?>> owners = new LinkedHashMap<>();
		for (EndpointBean endpoint : beans) {
			Class<?> userClass = endpoint.userClass();
			String global = endpoint.name();
			if (!LuaNames.isIdentifier(global)) {
				throw new InvalidLuaEndpointException(userClass, "Lua endpoint " + userClass.getName() + " has name '"
						+ global + "', which is not a valid Lua identifier");
			}
			if (LuaNames.isReservedGlobal(global)) {
				throw new InvalidLuaEndpointException(userClass, "Lua endpoint " + userClass.getName() + " has name '"
						+ global + "', which would hide the Lua global of that name");
			}
			Class<?> previous = owners.putIfAbsent(global, userClass);
			if (previous != null) {
				throw new InvalidLuaEndpointException(userClass, "Lua endpoints " + previous.getName() + " and "
						+ userClass.getName() + " both claim the Lua global '" + global + "'");
			}
			Map<String, Integer> endpointIds = new LinkedHashMap<>();
			Map<String, Method> byLuaName = new LinkedHashMap<>();
			for (Method method : exposedMethods(userClass)) {
				String luaName = luaName(method);
				if (!LuaNames.isIdentifier(luaName)) {
					throw new InvalidLuaEndpointException(userClass, "Lua endpoint method " + describe(method)
							+ " has Lua name '" + luaName + "', which is not a valid Lua identifier");
				}
				Method clash = byLuaName.putIfAbsent(luaName, method);
				if (clash != null) {
					throw new InvalidLuaEndpointException(userClass,
							"Lua endpoint methods " + describe(clash) + " and " + describe(method)
									+ " both map to the Lua name '" + global + "." + luaName
									+ "'; rename one with @LuaMethod or hide it with @LuaIgnore");
				}
				ValueReader[] argumentReaders = new ValueReader[method.getParameterCount()];
				for (int i = 0; i < argumentReaders.length; i++) {
					try {
						argumentReaders[i] = readers.forParameter(method, i, userClass);
					}
					catch (IllegalArgumentException ex) {
						throw new InvalidLuaEndpointException(userClass, "Lua endpoint method " + describe(method)
								+ " has a parameter " + (i + 1) + " of unsupported type: " + ex.getMessage());
					}
				}
				String returnRefusal = ValueWriter
					.checkReturnType(ResolvableType.forMethodReturnType(method, userClass));
				if (returnRefusal != null) {
					throw new InvalidLuaEndpointException(userClass, "Lua endpoint method " + describe(method)
							+ " has a return type that cannot become a Lua value: " + returnRefusal);
				}
				int id = methods.size();
				methods.add(new EndpointMethod(id, global, luaName, method, invoker(endpoint.bean(), method, userClass),
						argumentReaders, doc(method)));
				endpointIds.put(luaName, id);
			}
			ids.put(global, Collections.unmodifiableMap(endpointIds));
		}
		return new DispatchTable(methods.toArray(new EndpointMethod[0]), Collections.unmodifiableMap(ids),
				List.copyOf(beans));
	}

	/**
	 * Returns the methods of an endpoint's user class that Lua may call, in id order.
	 * @param userClass the class the endpoint was declared as
	 * @return the exposed methods
	 */
	static List<Method> exposedMethods(Class<?> userClass) {
		List<Method> result = new ArrayList<>();
		for (Method method : userClass.getDeclaredMethods()) {
			if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
					&& !method.isSynthetic() && !method.isBridge()
					&& !AnnotatedElementUtils.hasAnnotation(method, LuaIgnore.class)) {
				result.add(method);
			}
		}
		// getDeclaredMethods has no defined order; ids must not depend on the JVM's whim.
		result.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
		return result;
	}

	static String luaName(Method method) {
		LuaMethod annotation = AnnotatedElementUtils.findMergedAnnotation(method, LuaMethod.class);
		if (annotation != null && !annotation.value().isEmpty()) {
			return annotation.value();
		}
		return snakeCase(method.getName());
	}

	private static String doc(Method method) {
		LuaMethod annotation = AnnotatedElementUtils.findMergedAnnotation(method, LuaMethod.class);
		return (annotation != null) ? annotation.doc() : "";
	}

	/**
	 * Converts a Java name to snake_case: {@code getHp} to {@code get_hp},
	 * {@code parseHTTPHeader} to {@code parse_http_header}.
	 * @param name a Java identifier
	 * @return its snake_case form
	 */
	public static String snakeCase(String name) {
		StringBuilder result = new StringBuilder(name.length() + 4);
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isUpperCase(c)) {
				boolean afterLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1)) && name.charAt(i - 1) != '_';
				boolean endOfAcronym = i > 0 && Character.isUpperCase(name.charAt(i - 1)) && i + 1 < name.length()
						&& Character.isLowerCase(name.charAt(i + 1));
				if (afterLower || endOfAcronym) {
					result.append('_');
				}
				result.append(Character.toLowerCase(c));
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

	private static MethodHandle invoker(Object bean, Method method, Class<?> userClass) {
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		try {
			invocable.trySetAccessible();
			MethodHandle handle = MethodHandles.lookup().unreflect(invocable).bindTo(bean);
			// (Object, ...) -> Object: EndpointMethod
			// calls small arities without an array.
			return handle.asType(MethodType.genericMethodType(method.getParameterCount()));
		}
		catch (IllegalAccessException ex) {
			throw new InvalidLuaEndpointException(userClass,
					"Lua endpoint method " + describe(method) + " cannot be invoked: " + ex.getMessage());
		}
	}

	private static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName()
				+ Arrays.toString(method.getParameterTypes()).replace('[', '(').replace(']', ')');
	}

	/**
	 * Returns the method with the given id.
	 * @param id the id a proxy sent
	 * @return the method, or {@code null} for an id no method has
	 */
	public @Nullable EndpointMethod get(int id) {
		return (id > 0 && id < this.methods.length) ? this.methods[id] : null;
	}

	/**
	 * Returns the ids of each endpoint's methods by Lua name, keyed by Lua global.
	 * @return the ids
	 */
	public Map<String, Map<String, Integer>> idsByEndpoint() {
		return this.idsByEndpoint;
	}

	/**
	 * Returns the Lua name a script most likely meant when it called a method its
	 * endpoint does not have: the snake_case form of a Java name ({@code echoText} for
	 * {@code echo_text}), otherwise the closest name by edit distance, if one is close
	 * enough to be a slip rather than another method.
	 * @param endpoint the endpoint's Lua global
	 * @param name the name the script called
	 * @return the suggested Lua name, or {@code null} when no name is close
	 */
	public @Nullable String suggest(String endpoint, String name) {
		Map<String, Integer> ids = (endpoint != null) ? this.idsByEndpoint.get(endpoint) : null;
		if (ids == null || ids.isEmpty() || name == null || name.isEmpty()) {
			return null;
		}
		String snake = snakeCase(name);
		if (ids.containsKey(snake)) {
			return snake;
		}
		// One slip in three characters, at least one: "find_owner"
		// is a slip for "find_owners", "get" is not one for "put".
		int allowed = Math.max(1, snake.length() / 3);
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : ids.keySet().stream().sorted().toList()) {
			int distance = Math.min(distance(snake, candidate), distance(name.toLowerCase(), candidate));
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return (bestDistance <= allowed) ? best : null;
	}

	/** Levenshtein distance, two rows. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * Returns every method, in id order.
	 * @return the methods
	 */
	public List<EndpointMethod> methods() {
		return Collections.unmodifiableList(Arrays.asList(this.methods).subList(1, this.methods.length));
	}

	/**
	 * Returns the endpoints the table was built from, in the order given.
	 * @return the endpoints
	 */
	public List<EndpointBean> endpoints() {
		return this.endpoints;
	}

}
