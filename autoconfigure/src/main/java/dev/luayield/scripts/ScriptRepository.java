package dev.luayield.scripts;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * Finds scripts by name under a location ({@code classpath:/lua/} by default):
 * {@code combat/on_hit} is {@code lua/combat/on_hit.lua}. Sources are read once and kept.
 * <p>
 * Only regular files are scripts. Under a {@code file:} location a script's real path,
 * with every link resolved, must also lie under the location's real path: a link may
 * point to another file inside the location, never out of it, and a directory, device or
 * FIFO named like a script is refused rather than run as an empty chunk or waited on.
 * Someone who can change the location's directories while a script is read could still
 * swap one between the check and the read; the location must not be writable by those the
 * application does not trust.
 */
public class ScriptRepository {

	private static final Pattern SCRIPT_NAME = Pattern.compile("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*");

	private final ResourceLoader resourceLoader;

	private final String location;

	private static final Logger logger = LoggerFactory.getLogger(ScriptRepository.class);

	private final Map<String, Script> scripts = new ConcurrentHashMap<>();

	/** The last version of each script that some state compiled. */
	private final Map<String, Script> compiled = new ConcurrentHashMap<>();

	private final Duration reloadInterval;

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
	 * Creates a repository that picks up changed scripts.
	 * @param resourceLoader resolves the location
	 * @param location where scripts live
	 * @param reloadInterval how often a script's source is read again to look for a
	 * change, or {@code null} to read each script once
	 */
	public ScriptRepository(ResourceLoader resourceLoader, String location, Duration reloadInterval) {
		this.resourceLoader = resourceLoader;
		this.location = location.endsWith("/") ? location : location + "/";
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
	 * Returns the current version of a script, reading it again when reloading is on and
	 * the interval has passed. Each change of the source gives a new version number,
	 * which is how every pooled state learns that it must compile the script again.
	 * @param name the script name, without {@code .lua}
	 * @return the script
	 * @throws LuaScriptException if the name is malformed or no such script exists
	 */
	public Script current(String name) {
		Script script = this.scripts.get(name);
		if (script == null) {
			script = new Script(read(name), 1, System.nanoTime());
			Script raced = this.scripts.putIfAbsent(name, script);
			return (raced != null) ? raced : script;
		}
		if (this.reloadInterval != null && System.nanoTime() - script.checkedAt() >= this.reloadInterval.toNanos()) {
			Script checked;
			try {
				String source = read(name);
				checked = source.equals(script.source())
						? new Script(script.source(), script.version(), System.nanoTime(), script.reported())
						: new Script(source, script.version() + 1, System.nanoTime());
			}
			catch (LuaScriptException ex) {
				// Deleted or unreadable for a moment (an editor saving): keep what runs.
				checked = new Script(script.source(), script.version(), System.nanoTime(), script.reported());
			}
			this.scripts.replace(name, script, checked);
			return this.scripts.get(name);
		}
		return script;
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
				logger.error("Lua script '{}' was changed but does not compile; the previous version keeps running: {}",
						name, message);
				return new Script(script.source(), script.version(), script.checkedAt(), true);
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
	public Script lastCompiled(String name) {
		return this.compiled.get(name);
	}

	/**
	 * A script's source as last read.
	 *
	 * @param source the source
	 * @param version increases by one with every change of the source
	 * @param checkedAt when the source was last read ({@link System#nanoTime()})
	 * @param reported whether a compile error of this version was reported
	 */
	public record Script(String source, long version, long checkedAt, boolean reported) {

		Script(String source, long version, long checkedAt) {
			this(source, version, checkedAt, false);
		}

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
		// A name already read passed this check then; matching the pattern on every
		// invocation would cost more than the rest of the Java side of an empty one.
		if (name != null && this.scripts.containsKey(name)) {
			return;
		}
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
	 * Returns the names of the scripts under the location, sorted.
	 * @return the script names, as {@code run} takes them
	 */
	public List<String> names() {
		String pattern = (this.location.startsWith("classpath:")
				? "classpath*:" + this.location.substring("classpath:".length()) : this.location) + "**/*.lua";
		String root = this.location.substring(this.location.indexOf(':') + 1).replaceFirst("^/+", "");
		List<String> names = new ArrayList<>();
		try {
			for (Resource resource : ResourcePatternUtils.getResourcePatternResolver(this.resourceLoader)
				.getResources(pattern)) {
				String url = resource.getURL().toString();
				int at = url.lastIndexOf(root);
				if (at >= 0 && url.endsWith(".lua")) {
					String name = url.substring(at + root.length(), url.length() - ".lua".length());
					if (isRunnable(name)) {
						names.add(name);
					}
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Could not list the Lua scripts under {}: {}", this.location, ex.getMessage());
		}
		names.sort(null);
		return names;
	}

	/** Lists only what {@code run} would read: a name it refuses is not a script. */
	private boolean isRunnable(String name) {
		if (!SCRIPT_NAME.matcher(name).matches()) {
			return false;
		}
		try {
			regularFile(name, resource(name));
			return true;
		}
		catch (LuaScriptException ex) {
			return false;
		}
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
		Path file = regularFile(name, resource);
		// NOFOLLOW_LINKS: the checked path has no
		// links left, and must not gain one since.
		try (InputStream in = (file != null) ? Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)
				: resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (FileNotFoundException | NoSuchFileException ex) {
			throw noScript(name);
		}
		catch (IOException ex) {
			throw new LuaScriptException(name, -1, "cannot read script '" + name + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Checks that a script is a regular file that may be read, and returns the path to
	 * read it from, or {@code null} for a resource that is not a file (in a jar, say).
	 */
	private Path regularFile(String name, Resource resource) {
		try {
			if (this.location.startsWith("file:")) {
				Path real = resource.getFile().toPath().toRealPath();
				Path root = this.resourceLoader.getResource(this.location).getFile().toPath().toRealPath();
				if (!real.startsWith(root)) {
					throw notRegularFile(name, "it leads outside the location");
				}
				checkRegular(name, real);
				return real;
			}
			if (resource.isFile()) {
				// A classpath directory: links there are the build's, but
				// a directory or a FIFO must not run as a script either.
				Path path = resource.getFile().toPath();
				if (!Files.exists(path)) {
					throw noScript(name);
				}
				checkRegular(name, path);
				return path;
			}
			if (!resource.exists()) {
				throw noScript(name);
			}
			// In a jar a directory entry is found under the name without its '/'
			// and reads as nothing; isReadable says whether the entry is a file.
			if (!resource.isReadable()) {
				throw notRegularFile(name, "it is a directory or cannot be read");
			}
			return null;
		}
		catch (FileNotFoundException | NoSuchFileException ex) {
			throw noScript(name);
		}
		catch (IOException ex) {
			throw new LuaScriptException(name, -1, "cannot read script '" + name + "': " + ex.getMessage(), ex);
		}
	}

	private void checkRegular(String name, Path path) {
		if (Files.isDirectory(path)) {
			throw notRegularFile(name, "it is a directory");
		}
		if (!Files.isRegularFile(path)) {
			throw notRegularFile(name, "it is a device, FIFO or socket");
		}
	}

	private LuaScriptException notRegularFile(String name, String why) {
		return new LuaScriptException(name, -1,
				"script '" + name + "' is not a regular file under " + this.location + ": " + why, null);
	}

	private LuaScriptException noScript(String name) {
		return new LuaScriptNotFoundException(name,
				"no script '" + name + "' (looked for " + this.location + name + ".lua)");
	}

}
