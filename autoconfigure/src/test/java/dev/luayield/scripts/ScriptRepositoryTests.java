package dev.luayield.scripts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.luayield.LuaScriptNotFoundException;
import dev.luayield.LuaScriptSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ScriptRepository} over several sources: which one answers, how a
 * change is seen, and how often a source is asked.
 */
class ScriptRepositoryTests {

	@TempDir
	Path dir;

	@RegisterExtension
	final LogEvents log = new LogEvents(ScriptRepository.class);

	@Test
	void whenSeveralLocationsHaveANameThenTheFirstAnswersAndNamesAreListedOnce() throws Exception {
		Path first = location("first", Map.of("greet", "return 'first'"));
		Path second = location("second", Map.of("greet", "return 'second'", "lib/only_second", "return 2"));
		ScriptRepository repository = new ScriptRepository(List.of(resources(first), resources(second)), null);
		assertThat(repository.source("greet")).isEqualTo("return 'first'");
		assertThat(repository.source("lib/only_second")).isEqualTo("return 2");
		assertThat(repository.current("lib/only_second").origin().description()).isEqualTo(second.toUri().toString());
		assertThat(repository.names()).containsExactly("greet", "lib/only_second");
	}

	@Test
	void whenNoSourceHasANameThenTheMessageNamesEveryPlaceItLooked() throws Exception {
		Path location = location("scripts", Map.of());
		ScriptRepository repository = new ScriptRepository(List.of(new MemorySource(), resources(location)), null);
		assertThatExceptionOfType(LuaScriptNotFoundException.class).isThrownBy(() -> repository.source("nope"))
			.withMessage("no script 'nope' (looked for 'nope' in memory, " + location.toUri() + "nope.lua)");
	}

	@Test
	void whenABeanSourceIsFirstThenItShadowsALocationOnTheNextCheck() throws Exception {
		Path location = location("scripts", Map.of("greet", "return 'file'"));
		MemorySource memory = new MemorySource();
		ScriptRepository repository = new ScriptRepository(List.of(memory, resources(location)), Duration.ZERO);
		assertThat(repository.current("greet").version()).isEqualTo(1);
		memory.put("greet", "return 'memory'", "a");
		ScriptRepository.Script current = repository.current("greet");
		assertThat(current.source()).isEqualTo("return 'memory'");
		assertThat(current.version()).isEqualTo(2);
		assertThat(current.origin()).isSameAs(memory);
	}

	@Test
	void whenOnlyTheVersionMovesThenTheVersionNumberStaysSoNothingIsCompiledAgain() {
		MemorySource memory = new MemorySource();
		memory.put("greet", "return 1", "a");
		ScriptRepository repository = new ScriptRepository(List.of(memory), Duration.ZERO);
		assertThat(repository.current("greet").version()).isEqualTo(1);
		memory.put("greet", "return 1", "b");
		assertThat(repository.current("greet").version()).isEqualTo(1);
		assertThat(repository.current("greet").sourceVersion()).isEqualTo("b");
		memory.put("greet", "return 2", "c");
		assertThat(repository.current("greet").version()).isEqualTo(2);
	}

	@Test
	void whenTheVersionIsUnchangedThenTheScriptIsNotReadAgain() {
		MemorySource memory = new MemorySource();
		memory.put("greet", "return 1", "a");
		ScriptRepository repository = new ScriptRepository(List.of(memory), Duration.ZERO);
		for (int i = 0; i < 5; i++) {
			repository.current("greet");
		}
		assertThat(memory.finds).hasValue(1);
		assertThat(memory.versions).hasValue(4);
	}

	@Test
	void whenTheIntervalHasNotPassedThenNoSourceIsAsked() {
		MemorySource memory = new MemorySource();
		memory.put("greet", "return 1", "a");
		ScriptRepository repository = new ScriptRepository(List.of(memory), Duration.ofHours(1));
		for (int i = 0; i < 100; i++) {
			repository.current("greet");
		}
		assertThat(memory.finds).hasValue(1);
		assertThat(memory.versions).hasValue(0);
	}

	@Test
	void whenReloadIsOffThenAScriptIsReadOnce() {
		MemorySource memory = new MemorySource();
		memory.put("greet", "return 1", "a");
		ScriptRepository repository = new ScriptRepository(List.of(memory), null);
		repository.current("greet");
		memory.put("greet", "return 2", "b");
		assertThat(repository.source("greet")).isEqualTo("return 1");
		assertThat(memory.finds).hasValue(1);
		assertThat(memory.versions).hasValue(0);
	}

	@Test
	void whenAScriptIsRefreshedThenAChangeIsSeenBeforeTheIntervalPasses() {
		MemorySource memory = new MemorySource();
		memory.put("greet", "return 1", "a");
		ScriptRepository repository = new ScriptRepository(List.of(memory), null);
		repository.refresh("unread");
		repository.current("greet");
		memory.put("greet", "return 2", "b");
		repository.refresh("greet");
		assertThat(repository.current("greet").source()).isEqualTo("return 2");
		assertThat(repository.current("greet").version()).isEqualTo(2);
	}

	@Test
	void whenASourceFailsWhileCheckingThenWhatRunsStaysAndTheFailureIsLoggedOnce() {
		MemorySource memory = new MemorySource();
		memory.put("greet", "return 1", "a");
		ScriptRepository repository = new ScriptRepository(List.of(memory), Duration.ZERO);
		repository.current("greet");
		memory.failing = true;
		for (int i = 0; i < 3; i++) {
			assertThat(repository.source("greet")).isEqualTo("return 1");
		}
		memory.failing = false;
		memory.put("greet", "return 2", "b");
		assertThat(repository.source("greet")).isEqualTo("return 2");
		assertThat(this.log.events()).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly(
					"Could not check Lua script 'greet' for changes; the version it runs stays until a check succeeds:"
							+ " java.lang.IllegalStateException: out of reach",
					"Lua script 'greet' can be checked for changes again");
	}

	@Test
	void whenAScriptIsGoneFromEverySourceThenWhatRunsStays() {
		MemorySource memory = new MemorySource();
		memory.put("greet", "return 1", "a");
		ScriptRepository repository = new ScriptRepository(List.of(memory), Duration.ZERO);
		repository.current("greet");
		memory.scripts.clear();
		assertThat(repository.source("greet")).isEqualTo("return 1");
		assertThat(this.log.events()).isEmpty();
	}

	private Path location(String name, Map<String, String> scripts) throws Exception {
		Path location = Files.createDirectory(this.dir.resolve(name));
		for (Map.Entry<String, String> script : scripts.entrySet()) {
			Path file = location.resolve(script.getKey() + ".lua");
			Files.createDirectories(file.getParent());
			Files.writeString(file, script.getValue());
		}
		return location;
	}

	private static ResourceScriptSource resources(Path location) {
		return new ResourceScriptSource(new DefaultResourceLoader(), location.toUri().toString());
	}

	/** Scripts held in memory, counting how often it is asked. */
	static final class MemorySource implements LuaScriptSource {

		final Map<String, Script> scripts = new ConcurrentHashMap<>();

		final AtomicInteger finds = new AtomicInteger();

		final AtomicInteger versions = new AtomicInteger();

		volatile boolean failing;

		void put(String name, String source, String version) {
			this.scripts.put(name, new Script(name, source, version));
		}

		@Override
		public @Nullable Script find(String name) {
			this.finds.incrementAndGet();
			check();
			return this.scripts.get(name);
		}

		@Override
		public @Nullable String version(String name) {
			this.versions.incrementAndGet();
			check();
			Script script = this.scripts.get(name);
			return (script != null) ? script.version() : null;
		}

		private void check() {
			if (this.failing) {
				throw new IllegalStateException("out of reach");
			}
		}

		@Override
		public String description() {
			return "memory";
		}

	}

}
