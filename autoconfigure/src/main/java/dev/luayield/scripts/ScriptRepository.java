package dev.luayield.scripts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptNotFoundException;
import dev.luayield.LuaScriptSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ResourceLoader;
import org.springframework.util.Assert;

/**
 * Named scripts from one or more {@link LuaScriptSource sources}, asked in order: the
 * first that has a name answers for it. A script is read once and kept; with a reload
 * interval, its version is asked for again at most once per interval, and a changed
 * script is read again and gets a new version number, which is how every pooled state
 * learns that it must compile the script again. The last version that compiled is kept
 * too, so that a change that does not compile leaves the previous version running.
 * <p>
 * Over a single location ({@code classpath:/lua/} by default) {@code combat/on_hit} is
 * {@code lua/combat/on_hit.lua}; see {@link ResourceScriptSource} for what such a
 * location accepts.
 *
 * @since 0.1.0
 */
public class ScriptRepository {

	private static final Pattern SCRIPT_NAME = Pattern.compile("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*");

	private static final Logger logger = LoggerFactory.getLogger(ScriptRepository.class);

	private final List<LuaScriptSource> sources;

	private final Map<String, Script> scripts = new ConcurrentHashMap<>();

	/** The last version of each script that some state compiled. */
	private final Map<String, Script> compiled = new ConcurrentHashMap<>();

	/** Scripts whose last check for a change failed, so that it is logged once. */
	private final Set<String> unchecked = ConcurrentHashMap.newKeySet();

	private final @Nullable Duration reloadInterval;

	/**
	 * Creates a repository reading from a location, each script once.
	 * @param resourceLoader resolves the location
	 * @param location where scripts live, such as {@code classpath:/lua/} or
	 * {@code file:./scripts/}
	 */
	public ScriptRepository(ResourceLoader resourceLoader, String location) {
		this(resourceLoader, location, null);
	}

	/**
	 * Creates a repository reading from a location that picks up changed scripts.
	 * @param resourceLoader resolves the location
	 * @param location where scripts live
	 * @param reloadInterval how often a script's source is read again to look for a
	 * change, or {@code null} to read each script once
	 */
	public ScriptRepository(ResourceLoader resourceLoader, String location, @Nullable Duration reloadInterval) {
		this(List.of(new ResourceScriptSource(resourceLoader, location)), reloadInterval);
	}

	/**
	 * Creates a repository over several sources.
	 * @param sources the sources, in the order they are asked
	 * @param reloadInterval how often a script's version is asked for again to look for a
	 * change, or {@code null} to read each script once
	 */
	public ScriptRepository(List<? extends LuaScriptSource> sources, @Nullable Duration reloadInterval) {
		Assert.notEmpty(sources, "at least one script source is needed");
		this.sources = List.copyOf(sources);
		this.reloadInterval = reloadInterval;
	}

	/**
	 * Returns the source of a script.
	 * @param name the script name, without {@code .lua}
	 * @return the source
	 * @throws LuaScriptException if the name is malformed or no such script exists
	 */
	public String source(String name) {
		return current(name).source();
	}

	/**
	 * Returns the current version of a script, asking its sources again when reloading is
	 * on and the interval has passed. Each change of the source gives a new version
	 * number, which is how every pooled state learns that it must compile the script
	 * again.
	 * @param name the script name, without {@code .lua}
	 * @return the script
	 * @throws LuaScriptException if the name is malformed or no such script exists
	 */
	public Script current(String name) {
		Script script = this.scripts.get(name);
		if (script == null) {
			checkName(name);
			script = first(name);
			Script raced = this.scripts.putIfAbsent(name, script);
			return (raced != null) ? raced : script;
		}
		if (this.reloadInterval != null && System.nanoTime() - script.checkedAt() >= this.reloadInterval.toNanos()) {
			return check(name, script);
		}
		return script;
	}

	/**
	 * Asks the sources for a change of a script now, whatever the reload interval, so
	 * that the next invocation runs a change the application has just made itself (a
	 * script saved to a table, say). A script not read yet is read on first use anyway.
	 * @param name the script name, without {@code .lua}
	 */
	public void refresh(String name) {
		Script script = this.scripts.get(name);
		if (script == null) {
			return;
		}
		// Not claimed: a check already under way may have read the source before the
		// change this call is about.
		Found found = recheck(name, script);
		if (found != null) {
			this.scripts.compute(name, (key, now) -> ((now != null) ? now : script).changedTo(found));
		}
	}

	private Script check(String name, Script script) {
		// Claimed first, so that other threads go on with what runs
		// rather than all asking a slow source at the same moment.
		Script claimed = script.checkedNow();
		if (!this.scripts.replace(name, script, claimed)) {
			return this.scripts.getOrDefault(name, script);
		}
		Found found = recheck(name, claimed);
		if (found == null) {
			return this.scripts.getOrDefault(name, claimed);
		}
		// Against whatever is current by now: a concurrent check may have stored
		// the same change already, and must not make it two versions.
		return this.scripts.compute(name, (key, now) -> ((now != null) ? now : claimed).changedTo(found));
	}

	/**
	 * Looks for a change of a script: {@code null} when there is none, or none could be
	 * seen (a file deleted for a moment while an editor saves, a database out of reach),
	 * so that what runs keeps running.
	 */
	private @Nullable Found recheck(String name, Script current) {
		try {
			for (LuaScriptSource source : this.sources) {
				String version = source.version(name);
				if (version == null) {
					continue;
				}
				if (source == current.origin() && version.equals(current.sourceVersion())) {
					checked(name);
					return null;
				}
				LuaScriptSource.Script found = source.find(name);
				checked(name);
				return (found != null) ? new Found(source, found) : null;
			}
			checked(name);
			return null;
		}
		catch (LuaScriptException ex) {
			return null;
		}
		catch (RuntimeException ex) {
			if (this.unchecked.add(name)) {
				logger.warn("Could not check Lua script '{}' for changes; the version it runs stays until a check"
						+ " succeeds: {}", name, ex.toString());
			}
			return null;
		}
	}

	private void checked(String name) {
		if (!this.unchecked.isEmpty() && this.unchecked.remove(name)) {
			logger.info("Lua script '{}' can be checked for changes again", name);
		}
	}

	private Script first(String name) {
		for (LuaScriptSource source : this.sources) {
			LuaScriptSource.Script found;
			try {
				found = source.find(name);
			}
			catch (LuaScriptException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new LuaScriptException(name, -1,
						"cannot read script '" + name + "' from " + source.description() + ": " + ex.getMessage(), ex);
			}
			if (found != null) {
				return new Script(found.source(), 1, found.version(), source, System.nanoTime(), false);
			}
		}
		throw new LuaScriptNotFoundException(name, "no script '" + name + "' (looked for "
				+ this.sources.stream().map((source) -> where(source, name)).collect(Collectors.joining(", ")) + ")");
	}

	private static String where(LuaScriptSource source, String name) {
		return (source instanceof ResourceScriptSource resources) ? resources.getLocation() + name + ".lua"
				: "'" + name + "' in " + source.description();
	}

	/**
	 * Reports, once per version, a changed script that does not compile; the previous
	 * version keeps running.
	 * @param name the script name
	 * @param version the version that failed
	 * @param message Lua's message
	 */
	public void reportBrokenVersion(String name, long version, String message) {
		this.scripts.computeIfPresent(name, (key, script) -> {
			if (script.version() == version && !script.reported()) {
				logger.error(
						"Lua script '{}' was changed but does not compile; the previous version keeps running: {} (from {})",
						name, message, script.origin().description());
				return script.withReported();
			}
			return script;
		});
	}

	/**
	 * Records that a version of a script compiled, so that a state that has never
	 * compiled the script can run this version while a newer one does not compile.
	 * @param name the script name
	 * @param script the version that compiled, as {@link #current} returned it
	 */
	public void reportCompiled(String name, Script script) {
		// The script itself, not a version number: the current version
		// may have moved on since the caller compiled this one.
		this.compiled.merge(name, script,
				(known, reported) -> (reported.version() > known.version()) ? reported : known);
	}

	/**
	 * Returns the last version of a script that compiled.
	 * @param name the script name
	 * @return that version, or {@code null} if no version has compiled yet
	 */
	public @Nullable Script lastCompiled(String name) {
		return this.compiled.get(name);
	}

	/**
	 * A script's source as last read.
	 *
	 * @param source the source
	 * @param version increases by one with every change of the source
	 * @param sourceVersion the version its source gave, such as a hash or a revision
	 * @param origin the source it was read from
	 * @param checkedAt when the source was last asked for a change
	 * ({@link System#nanoTime()})
	 * @param reported whether a compile error of this version was reported
	 */
	public record Script(String source, long version, String sourceVersion, LuaScriptSource origin, long checkedAt,
			boolean reported) {

		Script checkedNow() {
			return new Script(this.source, this.version, this.sourceVersion, this.origin, System.nanoTime(),
					this.reported);
		}

		Script withReported() {
			return new Script(this.source, this.version, this.sourceVersion, this.origin, this.checkedAt, true);
		}

		/**
		 * The script after a change its source reported: the same version when only the
		 * source's version moved (the same text saved again, or moved to another source),
		 * so that no state compiles it again.
		 */
		Script changedTo(Found found) {
			if (found.script().source().equals(this.source)) {
				return new Script(this.source, this.version, found.script().version(), found.source(), this.checkedAt,
						this.reported);
			}
			return new Script(found.script().source(), this.version + 1, found.script().version(), found.source(),
					this.checkedAt, false);
		}

	}

	/** What a check for a change found. */
	private record Found(LuaScriptSource source, LuaScriptSource.Script script) {
	}

	/**
	 * Returns the source of a module a script {@code require}s: any script, named as for
	 * {@code run} and found in the same sources.
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
		// A name already read passed this check then; matching the pattern on every
		// invocation would cost more than the rest of the Java side of an empty one.
		if (name != null && this.scripts.containsKey(name)) {
			return;
		}
		if (!isScriptName(name)) {
			throw new LuaScriptException(String.valueOf(name), -1, "invalid script name '" + name
					+ "': use names like 'combat/on_hit' (letters, digits, '_', '-', separated by '/', no '.lua')",
					null);
		}
	}

	/**
	 * Returns whether a name is a well-formed script name: letters, digits, {@code _} and
	 * {@code -}, separated by {@code /}, such as {@code combat/on_hit}.
	 * @param name the name
	 * @return whether a script may have that name
	 */
	public static boolean isScriptName(@Nullable String name) {
		return name != null && SCRIPT_NAME.matcher(name).matches();
	}

	/**
	 * Returns the names of the scripts every source lists, sorted, each once.
	 * @return the script names, as {@code run} takes them
	 */
	public List<String> names() {
		Set<String> names = new TreeSet<>();
		for (LuaScriptSource source : this.sources) {
			try {
				source.names().stream().filter(ScriptRepository::isScriptName).forEach(names::add);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not list the Lua scripts in {}: {}", source.description(), ex.getMessage());
			}
		}
		return new ArrayList<>(names);
	}

	/**
	 * Returns the sources, in the order they are asked.
	 * @return the sources
	 */
	public List<LuaScriptSource> getSources() {
		return this.sources;
	}

	/**
	 * Describes where scripts are read from, for messages: the location for a repository
	 * over one, each source's description in order otherwise.
	 * @return the location, ending in {@code /}, or the descriptions
	 */
	public String getLocation() {
		return this.sources.stream().map(LuaScriptSource::description).collect(Collectors.joining(", "));
	}

}
