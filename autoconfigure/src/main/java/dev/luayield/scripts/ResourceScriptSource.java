package dev.luayield.scripts;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * Scripts under a location a {@link ResourceLoader} resolves ({@code classpath:/lua/},
 * {@code file:./scripts/}): {@code combat/on_hit} is {@code <location>combat/on_hit.lua}.
 * A script's version is a hash of its text, so an edit is recognised whatever the file
 * system's clock says.
 * <p>
 * Only regular files are scripts. Under a {@code file:} location a script's real path,
 * with every link resolved, must also lie under the location's real path: a link may
 * point to another file inside the location, never out of it, and a directory, device or
 * FIFO named like a script is refused rather than run as an empty chunk or waited on.
 * Someone who can change the location's directories while a script is read could still
 * swap one between the check and the read; the location must not be writable by those the
 * application does not trust.
 *
 * @since 0.1.0
 */
public class ResourceScriptSource implements LuaScriptSource {

	private static final Logger logger = LoggerFactory.getLogger(ResourceScriptSource.class);

	private final ResourceLoader resourceLoader;

	private final String location;

	/**
	 * Creates a source reading from a location.
	 * @param resourceLoader resolves the location
	 * @param location where scripts live, such as {@code classpath:/lua/} or
	 * {@code file:./scripts/}
	 */
	public ResourceScriptSource(ResourceLoader resourceLoader, String location) {
		this.resourceLoader = resourceLoader;
		this.location = location.endsWith("/") ? location : location + "/";
	}

	@Override
	public @Nullable Script find(String name) {
		Resource resource = resource(name);
		try {
			Path file = regularFile(name, resource);
			// NOFOLLOW_LINKS: the checked path has no
			// links left, and must not gain one since.
			try (InputStream in = (file != null) ? Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)
					: resource.getInputStream()) {
				byte[] bytes = in.readAllBytes();
				return new Script(name, new String(bytes, StandardCharsets.UTF_8), hash(bytes));
			}
		}
		catch (Missing | FileNotFoundException | NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			throw cannotRead(name, ex);
		}
	}

	@Override
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

	/**
	 * Returns the location, ending in {@code /}.
	 * @return the location
	 */
	@Override
	public String description() {
		return this.location;
	}

	/**
	 * Returns the location scripts are read from.
	 * @return the location, ending in {@code /}
	 */
	public String getLocation() {
		return this.location;
	}

	/**
	 * Returns the resource a script name refers to.
	 * @param name the script name
	 * @return the resource, which may not exist
	 */
	public Resource resource(String name) {
		return this.resourceLoader.getResource(this.location + name + ".lua");
	}

	/** Lists only what {@code run} would read: a name it refuses is not a script. */
	private boolean isRunnable(String name) {
		if (!ScriptRepository.isScriptName(name)) {
			return false;
		}
		try {
			regularFile(name, resource(name));
			return true;
		}
		catch (Missing | LuaScriptException ex) {
			return false;
		}
	}

	/**
	 * Checks that a script is a regular file that may be read, and returns the path to
	 * read it from, or {@code null} for a resource that is not a file (in a jar, say).
	 * @throws Missing if there is no such script
	 */
	private @Nullable Path regularFile(String name, Resource resource) {
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
					throw Missing.INSTANCE;
				}
				checkRegular(name, path);
				return path;
			}
			if (!resource.exists()) {
				throw Missing.INSTANCE;
			}
			// In a jar a directory entry is found under the name without its '/'
			// and reads as nothing; isReadable says whether the entry is a file.
			if (!resource.isReadable()) {
				throw notRegularFile(name, "it is a directory or cannot be read");
			}
			return null;
		}
		catch (FileNotFoundException | NoSuchFileException ex) {
			throw Missing.INSTANCE;
		}
		catch (IOException ex) {
			throw cannotRead(name, ex);
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

	private LuaScriptException cannotRead(String name, IOException ex) {
		return new LuaScriptException(name, -1, "cannot read script '" + name + "': " + ex.getMessage(), ex);
	}

	private static String hash(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform has SHA-256.
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * No script of that name here: the next source is asked, so this is no error and
	 * costs no stack trace.
	 */
	private static final class Missing extends RuntimeException {

		static final Missing INSTANCE = new Missing();

		private Missing() {
			super(null, null, false, false);
		}

	}

}
