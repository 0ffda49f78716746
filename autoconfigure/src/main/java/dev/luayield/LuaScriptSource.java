package dev.luayield;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where named scripts come from: a directory, the classpath, a database table. Given a
 * name such as {@code combat/on_hit}, a source answers the script's source text and a
 * version, or says it does not have the script.
 * <p>
 * Several sources are asked in order and the first that has a name answers for it, for
 * {@link LuaScriptRunner#run(String, Object...) run} and for {@code require} alike. The
 * version is how a change is recognised: it is compared with the version the running
 * script came with, and only a script whose version changed is read and compiled again,
 * by each pooled Lua state on its next use. A modification time, a revision number or a
 * hash of the text will do, as long as it changes whenever the text does.
 * <p>
 * LuaYield asks a source for a name's version at most once per
 * {@code lua.scripts.reload-interval} (and only once ever when reloading is off), never
 * on every invocation. A source whose lookups are expensive may still answer from a cache
 * of its own. Implementations must be thread-safe. Declared as a bean, a source is asked
 * before the configured locations; beans are ordered as usual, by
 * {@link org.springframework.core.annotation.Order @Order} or
 * {@link org.springframework.core.Ordered}.
 *
 * @since 0.1.0
 */
public interface LuaScriptSource {

	/**
	 * Returns a script, or {@code null} when this source does not have it, so that the
	 * next source is asked. The name has been checked: letters, digits, {@code _} and
	 * {@code -}, separated by {@code /}.
	 * @param name the script name, without {@code .lua}
	 * @return the script, or {@code null}
	 * @throws LuaScriptException if this source has the script but cannot hand it over
	 * (unreadable, or not a regular file)
	 */
	@Nullable Script find(String name);

	/**
	 * Returns the version of a script without its source, or {@code null} when this
	 * source does not have it. Asked when LuaYield checks for a change; a source that can
	 * tell a version more cheaply than the whole script (a column, a file's metadata)
	 * overrides this.
	 * @param name the script name, without {@code .lua}
	 * @return the version, as {@link Script#version()} would give it, or {@code null}
	 * @throws LuaScriptException if the script cannot be read
	 */
	default @Nullable String version(String name) {
		Script script = find(name);
		return (script != null) ? script.version() : null;
	}

	/**
	 * Returns the names of the scripts this source has, for start-up validation and for
	 * listings such as {@code /actuator/lua}. A source that cannot list its scripts
	 * answers an empty list; its scripts still run.
	 * @return the script names, as {@code run} takes them
	 */
	default List<String> names() {
		return List.of();
	}

	/**
	 * Describes this source for messages and listings, such as {@code classpath:/lua/} or
	 * {@code table lua_script}.
	 * @return the description
	 */
	default String description() {
		return getClass().getName();
	}

	/**
	 * A script as a source holds it.
	 *
	 * @param name the script name, without {@code .lua}
	 * @param source the Lua source text
	 * @param version changes whenever the source text does
	 * @since 0.1.0
	 */
	record Script(String name, String source, String version) {

	}

}
