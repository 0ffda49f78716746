package dev.luayield.runtime;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.luayield.LuaScriptException;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Finds scripts by name under a location ({@code classpath:/lua/} by default):
 * {@code combat/on_hit} is {@code lua/combat/on_hit.lua}. Sources are read once and
 * kept.
 */
public class ScriptRepository {

	private static final Pattern SCRIPT_NAME = Pattern.compile("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*");

	private final ResourceLoader resourceLoader;

	private final String location;

	private final Map<String, String> sources = new ConcurrentHashMap<>();

	/**
	 * Creates a repository reading from a location.
	 * @param resourceLoader resolves the location
	 * @param location where scripts live, such as {@code classpath:/lua/} or
	 * {@code file:./scripts/}
	 */
	public ScriptRepository(ResourceLoader resourceLoader, String location) {
		this.resourceLoader = resourceLoader;
		this.location = location.endsWith("/") ? location : location + "/";
	}

	/**
	 * Returns the source of a script.
	 * @param name the script name, without {@code .lua}
	 * @return the source
	 * @throws LuaScriptException if the name is malformed or no such script exists
	 */
	public String source(String name) {
		String source = this.sources.get(name);
		if (source == null) {
			source = read(name);
			this.sources.put(name, source);
		}
		return source;
	}

	/**
	 * Returns the source of a module a script {@code require}s: any script under the
	 * location, named as for {@code run}.
	 * @param name the module name
	 * @return the source
	 * @throws LuaScriptException if the name is malformed or no such script exists
	 */
	public String moduleSource(String name) {
		if (name == null || !SCRIPT_NAME.matcher(name).matches()) {
			throw new LuaScriptException(String.valueOf(name), -1,
					"invalid module name (use names like 'lib/util', relative to the script location)", null);
		}
		return source(name);
	}

	/**
	 * Checks a script name before any state is borrowed for it.
	 * @param name the script name
	 * @throws LuaScriptException if the name is malformed
	 */
	public void checkName(String name) {
		if (name == null || !SCRIPT_NAME.matcher(name).matches()) {
			throw new LuaScriptException(String.valueOf(name), -1, "invalid script name '" + name
					+ "': use names like 'combat/on_hit' (letters, digits, '_', '-', separated by '/', no '.lua')",
					null);
		}
	}

	/**
	 * Returns the resource a script name refers to.
	 * @param name the script name
	 * @return the resource, which may not exist
	 */
	public Resource resource(String name) {
		return this.resourceLoader.getResource(this.location + name + ".lua");
	}

	/**
	 * Returns the location scripts are read from.
	 * @return the location, ending in {@code /}
	 */
	public String getLocation() {
		return this.location;
	}

	private String read(String name) {
		checkName(name);
		Resource resource = resource(name);
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (FileNotFoundException ex) {
			throw new LuaScriptException(name, -1, "no script '" + name + "' (looked for " + this.location + name
					+ ".lua)", null);
		}
		catch (IOException ex) {
			throw new LuaScriptException(name, -1, "cannot read script '" + name + "': " + ex.getMessage(), ex);
		}
	}

}
