package dev.luayield.runner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import dev.luayield.LuaScriptException;
import dev.luayield.sandbox.LuaVmSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Thousands of generated chunks and byte strings through {@code eval} (seeded, so a
 * failure replays): every outcome is a result or a {@link LuaScriptException}, never
 * another exception or a dead JVM, and the pool ends at full strength.
 */
class FuzzTests {

	private static final String[] FRAGMENTS = { "local x = ", "return ", "world:get_hp(", "world.echo(", ")", "(", "{",
			"}", "[[", "]]", "'", "\"", "..", "1", "1.5", "nil", "true", "-", "#", "function() ", " end", "if ",
			" then ", "else", "for i = 1, 3 do ", "while false do ", "coroutine.wrap(", "pcall(", "error(", "x",
			"string.rep('a', 3)", "setmetatable({}, {__index = function() error('m') end}).k", "\n", ";", ",", "=",
			"==", "...", "select('#', ...)", "coroutine.yield()", "goto l ", "::l::", "\\0", "0x", "1e308", "%",
			"math.huge", "-0", "table.concat({1, 2})", "tostring(nil)", "and ", "or ", "not " };

	@Test
	void whenRandomChunksAndBytesAreEvaluatedThenEveryOutcomeIsAResultOrALuaScriptException() {
		Random random = new Random(20261124);
		try (TestRuntime runtime = new TestRuntime(2, LuaVmSettings.defaults(), 1000, Duration.ofMillis(100),
				TestRuntime.endpoint("world", new World()))) {
			assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
				int results = 0;
				int failures = 0;
				for (int i = 0; i < 4000; i++) {
					String source = (i % 4 == 3) ? randomBytes(random) : randomChunk(random);
					try {
						runtime.runner.eval(source);
						results++;
					}
					catch (LuaScriptException ex) {
						assertThat(ex.getMessage()).as("message of %s", source).isNotBlank();
						failures++;
					}
				}
				assertThat(results + failures).isEqualTo(4000);
				assertThat(results).as("some generated chunks are valid Lua").isPositive();
			});
			assertThat(runtime.pool.getNumActive()).isZero();
			assertThat(runtime.pool.getNumIdle()).isBetween(1, 2);
			assertThat(runtime.runner.eval("return world:get_hp(1)")).isEqualTo(45L);
		}
	}

	private static String randomChunk(Random random) {
		StringBuilder chunk = new StringBuilder();
		int parts = 1 + random.nextInt(12);
		for (int i = 0; i < parts; i++) {
			chunk.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
		}
		return chunk.toString();
	}

	private static String randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(64)];
		random.nextBytes(bytes);
		return new String(bytes, (random.nextBoolean()) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
	}

}
