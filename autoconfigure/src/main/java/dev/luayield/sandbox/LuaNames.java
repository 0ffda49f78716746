package dev.luayield.sandbox;

import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a name must be to become a global or a method in the sandbox. Endpoint names are
 * written into Lua source the prelude compiles, so these checks stand between a name and
 * code; they live with the sandbox, which defines the globals no endpoint may hide.
 *
 * @since 0.1.0
 */
public final class LuaNames {

	private static final Pattern LUA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final Set<String> LUA_KEYWORDS = Set.of("and", "break", "do", "else", "elseif", "end", "false",
			"for", "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true",
			"until", "while");

	/** Globals the sandbox already defines; an endpoint may not hide them. */
	private static final Set<String> RESERVED_GLOBALS = Set.of("_G", "_VERSION", "assert", "bit", "collectgarbage",
			"coroutine", "error", "gcinfo", "getfenv", "getmetatable", "ipairs", "load", "loadstring", "math", "next",
			"os", "pairs", "pcall", "print", "rawequal", "rawget", "rawset", "require", "select", "setfenv",
			"setmetatable", "string", "table", "tonumber", "tostring", "type", "unpack", "xpcall");

	private LuaNames() {
	}

	/**
	 * Returns whether a name is a Lua identifier: letters, digits and underscores, not
	 * starting with a digit, and not a keyword.
	 * @param name the name, or {@code null}
	 * @return whether it is an identifier
	 */
	public static boolean isIdentifier(@Nullable String name) {
		return name != null && LUA_NAME.matcher(name).matches() && !LUA_KEYWORDS.contains(name);
	}

	/**
	 * Returns whether a name is a global the sandbox defines, which no endpoint may take.
	 * @param name the name
	 * @return whether it is reserved
	 */
	public static boolean isReservedGlobal(String name) {
		return RESERVED_GLOBALS.contains(name);
	}

}
