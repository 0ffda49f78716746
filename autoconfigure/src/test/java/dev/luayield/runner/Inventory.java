package dev.luayield.runner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.luayield.annotation.LuaEndpoint;

/**
 * An endpoint that names no Lua global, so it is reached under its bean name:
 * {@code inventory}, as component scanning would name it.
 */
@LuaEndpoint
public class Inventory {

	private final Map<String, Integer> items = new ConcurrentHashMap<>(Map.of("potion", 3));

	public int count(String item) {
		return this.items.getOrDefault(item, 0);
	}

}
