package dev.luayield.runner;

import java.time.Duration;

import dev.luayield.LuaScriptException;
import dev.luayield.engine.NativeMemoryLimit;
import dev.luayield.sandbox.LuaVmSettings;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Allocation bombs under the default 64 MB memory limit (files under
 * {@code src/test/resources/hostile/memory_bombs}): single library calls that allocate
 * far more than their input, loops shorter than the check interval, straight-line code,
 * and allocations a script tries to hide behind pcall. With the native shim each ends
 * with the memory error, the state is replaced, and the next invocation has its whole
 * limit; without it the JVM's peak resident memory still grows by less than 1 GB.
 */
class MemoryBombTests {

	private static final String[] BOMBS = { "table_new", "gsub_long_replacement", "gsub_table_replacement",
			"table_concat", "format_many", "rep_string_count", "rep_in_callback", "doubling_loop", "straight_line",
			"pcall_swallow" };

	private final TestRuntime runtime = new TestRuntime(1, LuaVmSettings.defaults(), 1_000_000, Duration.ofSeconds(10),
			TestRuntime.endpoint("world", new World()));

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "table_new", "gsub_long_replacement", "gsub_table_replacement", "table_concat",
			"format_many", "rep_string_count", "rep_in_callback", "doubling_loop", "straight_line", "pcall_swallow" })
	void whenASingleCallOrAShortLoopAllocatesFarTooMuchThenTheMemoryLimitEndsIt(String name) {
		assertThat(NativeMemoryLimit.isAvailable()).as("the native shim is built on this platform").isTrue();
		assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> assertThatExceptionOfType(LuaScriptException.class)
					.isThrownBy(() -> this.runtime.runner.eval(HostileScripts.read("memory_bombs/" + name)))
					.withMessageContaining("luayield: the script exceeded its memory limit"));
		assertThat(this.runtime.pool.getDestroyedCount()).as("the state is replaced").isEqualTo(1);
		assertThat(this.runtime.runner.eval("local t = {} for i = 1, 1e5 do t[i] = i end return #t"))
			.isEqualTo(100_000L);
	}

	@Test
	void whenAnInvocationLeavesGarbageThenTheNextOneStillHasItsWholeLimit() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.runtime.runner
				.eval("local t = {} for i = 1, 40 do t[i] = string.rep('g', 1e6) .. i end" + " return #t"))
				.isEqualTo(40L);
		}
		assertThat(this.runtime.pool.getDestroyedCount()).isZero();
	}

	@Test
	void whenTheNativeShimIsOffThenEveryBombStillLeavesTheJvmAliveAndUnder1GbMore() {
		SoftAssertions softly = new SoftAssertions();
		for (String bomb : BOMBS) {
			ChildJvm.Result result = ChildJvm.run(HostileScripts.read("memory_bombs/" + bomb),
					"-D" + NativeMemoryLimit.ENABLED_PROPERTY + "=false", "-Xmx256m");
			softly.assertThat(result.exitCode()).as(bomb + ": " + result).isZero();
			softly.assertThat(result.output()).as(bomb).contains("AFTER: 46");
			// The JVM itself takes about 300 MB here (a 256 MB heap and the JIT's code).
			long peakKb = Long.parseLong(result.output().replaceAll("(?s).*PEAK_RSS_KB: (\\d+).*", "$1"));
			softly.assertThat(peakKb).as(bomb + ": peak resident memory\n" + result).isLessThan(1_300_000);
		}
		softly.assertAll();
	}

}
