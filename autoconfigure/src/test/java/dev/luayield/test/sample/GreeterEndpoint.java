package dev.luayield.test.sample;

import dev.luayield.annotation.LuaEndpoint;

/**
 * An endpoint that needs nothing.
 */
@LuaEndpoint("greeter")
public class GreeterEndpoint {

	public String greet(String name) {
		return "Welcome, " + name;
	}

}
