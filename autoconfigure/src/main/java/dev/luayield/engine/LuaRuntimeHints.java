package dev.luayield.engine;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;

import party.iroiro.luajava.JuaAPI;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ReflectionUtils;

/**
 * The {@link RuntimeHints} a GraalVM native image of an application needs for what the
 * engine loads by name rather than by reference, so that the image's static analysis
 * cannot see it: the sandbox's Lua modules, read as resources by {@link LuaVm}; the
 * native shim {@link NativeMemoryLimit} extracts and loads, and the JNI functions it
 * declares; LuaJIT's libraries that LuaJava extracts from the class path, and the Java
 * methods LuaJava's C code looks up by name and calls back.
 * <p>
 * Registered in {@code META-INF/spring/aot.factories}.
 */
class LuaRuntimeHints implements RuntimeHintsRegistrar {

	/** The sandbox's modules and the prelude, as {@link LuaVm} reads them. */
	private static final String SANDBOX_MODULES = "dev/luayield/sandbox/*.lua";

	/** The shim, one per platform it was built for. */
	private static final String NATIVE_SHIM = "dev/luayield/engine/native/*/libluayield.so";

	/**
	 * LuaJIT for each desktop platform, at the root of LuaJava's natives jar, where its
	 * loader looks for the name it maps {@code luajit} to ({@code libluajit64.so},
	 * {@code luajit64.dll}, {@code libluajitarm64.dylib}...).
	 */
	private static final String[] LUAJIT_LIBRARIES = { "libluajit*.so", "libluajit*.dylib", "luajit*.dll" };

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.resources().registerPattern(SANDBOX_MODULES);
		hints.resources().registerPattern(NATIVE_SHIM);
		for (String library : LUAJIT_LIBRARIES) {
			hints.resources().registerPattern(library);
		}
		// The shim's functions are bound by their JNI names; it calls nothing in Java.
		hints.jni().registerType(NativeMemoryLimit.class);
		hints.jni().registerType(NativeCalls.class);
		registerLuaJavaCallbacks(hints.jni());
		// LuaJava's library loader (libGDX's) makes the extracted file executable
		// through reflection, a remnant of its Java 5 days.
		hints.reflection().registerMethod(method(File.class, "canExecute"), ExecutableMode.INVOKE);
		hints.reflection()
			.registerMethod(method(File.class, "setExecutable", boolean.class, boolean.class), ExecutableMode.INVOKE);
	}

	/**
	 * What LuaJava 4.0.2's C code binds when its natives load ({@code initBindings} in
	 * {@code jua.cpp} and {@code invokespecial.cpp}): {@link JuaAPI}'s entry points,
	 * which Lua reaches for every Java function it calls, and the JDK methods it uses to
	 * box, unbox and report errors.
	 */
	private static void registerLuaJavaCallbacks(ReflectionHints jni) {
		Class<?>[] objectCall = { int.class, Object.class, String.class };
		Class<?>[] objectInvoke = { int.class, Object.class, String.class, int.class };
		Class<?>[] objectSignatureInvoke = { int.class, Object.class, String.class, String.class, int.class };
		Class<?>[] classCall = { int.class, Class.class, String.class };
		Class<?>[] classInvoke = { int.class, Class.class, String.class, int.class };
		Class<?>[] classSignatureInvoke = { int.class, Class.class, String.class, String.class, int.class };
		Class<?>[] arrayCall = { int.class, Object.class, int.class };
		register(jni, JuaAPI.class, "classNew", arrayCall);
		register(jni, JuaAPI.class, "classIndex", classCall);
		register(jni, JuaAPI.class, "classInvoke", classInvoke);
		register(jni, JuaAPI.class, "classInvoke", classSignatureInvoke);
		register(jni, JuaAPI.class, "classNewIndex", classCall);
		register(jni, JuaAPI.class, "objectIndex", objectCall);
		register(jni, JuaAPI.class, "objectInvoke", objectInvoke);
		register(jni, JuaAPI.class, "objectInvoke", objectSignatureInvoke);
		register(jni, JuaAPI.class, "objectNewIndex", objectCall);
		register(jni, JuaAPI.class, "arrayNew", arrayCall);
		register(jni, JuaAPI.class, "arrayLength", Object.class);
		register(jni, JuaAPI.class, "arrayIndex", arrayCall);
		register(jni, JuaAPI.class, "arrayNewIndex", arrayCall);
		register(jni, JuaAPI.class, "threadNewId", int.class, long.class);
		register(jni, JuaAPI.class, "freeThreadId", int.class);
		register(jni, JuaAPI.class, "luaify", int.class);
		register(jni, JuaAPI.class, "javaImport", int.class, String.class);
		register(jni, JuaAPI.class, "proxy", int.class);
		register(jni, JuaAPI.class, "unwrap", int.class, Object.class);
		register(jni, JuaAPI.class, "load", int.class, String.class);
		register(jni, JuaAPI.class, "loadModule", int.class, String.class);
		register(jni, JuaAPI.class, "loadLib", int.class, String.class, String.class);
		register(jni, JuaAPI.class, "allocateDirect", int.class);
		register(jni, Class.class, "forName", String.class);
		register(jni, Throwable.class, "getMessage");
		register(jni, Throwable.class, "toString");
		register(jni, Boolean.class, "booleanValue");
		register(jni, Character.class, "charValue");
		for (String unboxing : new String[] { "byteValue", "doubleValue", "floatValue", "intValue", "longValue",
				"shortValue" }) {
			register(jni, Number.class, unboxing);
		}
		registerConstructor(jni, Boolean.class, boolean.class);
		registerConstructor(jni, Character.class, char.class);
		registerConstructor(jni, Byte.class, byte.class);
		registerConstructor(jni, Double.class, double.class);
		registerConstructor(jni, Float.class, float.class);
		registerConstructor(jni, Integer.class, int.class);
		registerConstructor(jni, Long.class, long.class);
		registerConstructor(jni, Short.class, short.class);
	}

	private static void register(ReflectionHints jni, Class<?> type, String name, Class<?>... parameterTypes) {
		jni.registerMethod(method(type, name, parameterTypes), ExecutableMode.INVOKE);
	}

	private static void registerConstructor(ReflectionHints jni, Class<?> type, Class<?> parameterType) {
		try {
			Constructor<?> constructor = type.getConstructor(parameterType);
			jni.registerConstructor(constructor, ExecutableMode.INVOKE);
		}
		catch (NoSuchMethodException ex) {
			throw missing(type, "<init>", parameterType);
		}
	}

	private static Method method(Class<?> type, String name, Class<?>... parameterTypes) {
		Method method = ReflectionUtils.findMethod(type, name, parameterTypes);
		if (method == null) {
			throw missing(type, name, parameterTypes);
		}
		return method;
	}

	private static IllegalStateException missing(Class<?> type, String name, Class<?>... parameterTypes) {
		return new IllegalStateException("No " + type.getName() + "." + name
				+ Arrays.toString(parameterTypes).replace('[', '(').replace(']', ')')
				+ ", which LuaYield's native image hints name: LuaJava (expected 4.0.2) "
				+ "or the JDK changed; update dev.luayield.engine.LuaRuntimeHints to what it binds now");
	}

}
