package dev.luayield.runner;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import party.iroiro.luajava.AbstractLua;

/**
 * Reads LuaJava's own record of live states and threads, which it keeps until each is
 * closed: the number that must stay flat however many invocations run.
 */
final class LuaJavaInternals {

	private LuaJavaInternals() {
	}

	static int liveLuaStates() {
		try {
			Field field = AbstractLua.class.getDeclaredField("instances");
			field.setAccessible(true);
			Object instances = field.get(null);
			Method size = instances.getClass().getDeclaredMethod("size");
			size.setAccessible(true);
			return (int) size.invoke(instances);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("LuaJava's internals changed", ex);
		}
	}

}
