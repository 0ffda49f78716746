package dev.luayield.test.sample;

import java.util.Map;

import dev.luayield.LuaScriptRunner;

import org.springframework.stereotype.Service;

/**
 * A service that runs scripts, as applications have: not part of a {@code @LuaTest}.
 */
@Service
public class ShopService {

	private final LuaScriptRunner lua;

	public ShopService(LuaScriptRunner lua) {
		this.lua = lua;
	}

	@SuppressWarnings("unchecked")
	public Map<String, Object> buy(String item, int quantity) {
		return this.lua.run("shop/buy", Map.class, item, quantity);
	}

}
