package dev.luayield.runner;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.scripts.ScriptRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Where script and module sources may come from: regular files under the location, and
 * nothing a link leads to outside it.
 */
class ScriptSourcesTests {

	@TempDir
	Path dir;

	@Test
	void whenAScriptIsALinkOutOfTheLocationThenItIsRefused() throws Exception {
		Path location = location();
		Files.createSymbolicLink(location.resolve("settings.lua"), secret());
		ScriptRepository repository = repository(location);
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> repository.source("settings"))
			.withMessage("script 'settings' is not a regular file under " + repository.getLocation()
					+ ": it leads outside the location");
		assertThat(repository.names()).isEmpty();
	}

	@Test
	void whenADirectoryOfTheLocationIsALinkOutOfItThenItsScriptsAreRefused() throws Exception {
		Path location = location();
		Path elsewhere = Files.createDirectory(this.dir.resolve("elsewhere"));
		Files.writeString(elsewhere.resolve("settings.lua"), "return 'DB_PASSWORD'");
		Files.createSymbolicLink(location.resolve("lib"), elsewhere);
		ScriptRepository repository = repository(location);
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> repository.moduleSource("lib/settings"))
			.withMessageEndingWith(": it leads outside the location");
		assertThat(repository.names()).isEmpty();
	}

	@Test
	void whenAScriptRequiresAModuleThatLinksOutOfTheLocationThenRequireFails() throws Exception {
		Path location = location();
		Files.createSymbolicLink(location.resolve("settings.lua"), secret());
		Files.writeString(location.resolve("main.lua"), "return require('settings')");
		try (Runner runner = new Runner(location)) {
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runner.runner.run("main"))
				.withMessageContaining(
						"module 'settings' not found or invalid: script 'settings' is not a regular file under")
				.withMessageNotContaining("DB_PASSWORD");
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runner.runner.run("settings"))
				.withMessageContaining("it leads outside the location");
		}
	}

	@Test
	void whenALinkStaysInsideTheLocationThenItIsFollowed() throws Exception {
		Path location = location();
		Files.createDirectory(location.resolve("lib"));
		Files.writeString(location.resolve("lib/real.lua"), "return 'inside'");
		Files.createSymbolicLink(location.resolve("alias.lua"), location.resolve("lib/real.lua"));
		ScriptRepository repository = repository(location);
		assertThat(repository.source("alias")).isEqualTo("return 'inside'");
		assertThat(repository.names()).containsExactly("alias", "lib/real");
	}

	@Test
	void whenTheLocationItselfIsALinkThenItsScriptsAreRead() throws Exception {
		Path location = location();
		Files.writeString(location.resolve("greet.lua"), "return 'hi'");
		Path link = Files.createSymbolicLink(this.dir.resolve("current"), location);
		assertThat(repository(link).source("greet")).isEqualTo("return 'hi'");
	}

	@Test
	void whenAScriptIsADirectoryThenItIsRefusedAndNotListed() throws Exception {
		Path location = location();
		Files.createDirectory(location.resolve("x.lua"));
		Files.writeString(location.resolve("y.lua"), "return 1");
		ScriptRepository repository = repository(location);
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> repository.source("x"))
			.withMessage("script 'x' is not a regular file under " + repository.getLocation() + ": it is a directory");
		assertThat(repository.names()).containsExactly("y");
		try (Runner runner = new Runner(location)) {
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runner.runner.run("x"))
				.withMessageContaining("script 'x' is not a regular file under");
		}
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void whenAScriptIsAFifoThenItIsRefusedWithoutWaitingForAWriter() throws Exception {
		Path location = location();
		Process mkfifo = new ProcessBuilder("mkfifo", location.resolve("x.lua").toString()).start();
		assertThat(mkfifo.waitFor()).isZero();
		ScriptRepository repository = repository(location);
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> repository.source("x"))
				.withMessage("script 'x' is not a regular file under " + repository.getLocation()
						+ ": it is a device, FIFO or socket");
			assertThat(repository.names()).isEmpty();
		});
	}

	@Test
	void whenAClasspathEntryIsADirectoryThenItIsRefused() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("classes/lua"));
		Files.createDirectory(root.resolve("x.lua"));
		Files.writeString(root.resolve("y.lua"), "return 1");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { this.dir.resolve("classes").toUri().toURL() },
				null)) {
			ScriptRepository repository = new ScriptRepository(new DefaultResourceLoader(loader), "classpath:/lua/");
			assertThat(repository.source("y")).isEqualTo("return 1");
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> repository.source("x"))
				.withMessage("script 'x' is not a regular file under classpath:/lua/: it is a directory");
			assertThat(repository.names()).containsExactly("y");
		}
	}

	@Test
	void whenAJarEntryIsADirectoryThenItIsRefusedAndAnEmptyScriptIsNot() throws Exception {
		Path jar = this.dir.resolve("scripts.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new JarEntry("lua/"));
			out.putNextEntry(new JarEntry("lua/x.lua/"));
			entry(out, "lua/y.lua", "return 1");
			entry(out, "lua/empty.lua", "");
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			ScriptRepository repository = new ScriptRepository(new DefaultResourceLoader(loader), "classpath:/lua/");
			assertThat(repository.source("y")).isEqualTo("return 1");
			assertThat(repository.source("empty")).isEmpty();
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> repository.source("x"))
				.withMessage(
						"script 'x' is not a regular file under classpath:/lua/: it is a directory or cannot be read");
			assertThat(repository.names()).containsExactly("empty", "y");
		}
	}

	@Test
	void whenAScriptIsMissingThenTheMessageIsAsBefore() throws Exception {
		ScriptRepository repository = repository(location());
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> repository.source("nope"))
			.withMessage("no script 'nope' (looked for " + repository.getLocation() + "nope.lua)");
	}

	private static void entry(JarOutputStream out, String name, String text) throws Exception {
		out.putNextEntry(new JarEntry(name));
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.closeEntry();
	}

	private Path location() throws Exception {
		return Files.createDirectory(this.dir.resolve("scripts"));
	}

	private Path secret() throws Exception {
		return Files.writeString(this.dir.resolve("secret.lua"), "return 'DB_PASSWORD'");
	}

	private static ScriptRepository repository(Path location) {
		return new ScriptRepository(new DefaultResourceLoader(), location.toUri().toString());
	}

	/** A runner with no endpoints over a file location. */
	private static final class Runner implements AutoCloseable {

		private final LuaYield lua;

		final LuaScriptRunner runner;

		Runner(Path location) {
			this.lua = LuaYield.builder().scripts(repository(location)).poolSize(1).maxCalls(1000).build();
			this.runner = this.lua.runner();
		}

		@Override
		public void close() {
			this.lua.close();
		}

	}

}
