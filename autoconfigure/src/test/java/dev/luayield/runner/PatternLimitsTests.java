package dev.luayield.runner;

import java.time.Duration;

import dev.luayield.LuaOptions;
import dev.luayield.LuaTimeoutException;
import dev.luayield.sandbox.LuaVmSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Time spent inside one library call (files under
 * {@code src/test/resources/hostile/timeout_native}): pattern matching that backtracks
 * for hours, plain searches that take quadratic time, loops whose every pass is
 * expensive. With a 1 s limit, each invocation ends within 3 s of its start.
 */
class PatternLimitsTests {

	private final TestRuntime runtime = new TestRuntime(1, LuaVmSettings.defaults(), 1_000_000, Duration.ofSeconds(1),
			TestRuntime.endpoint("world", new World()));

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "find_backtrack", "find_backtrack_init", "find_quadratic", "match_metatable", "match_init",
			"gmatch_backtrack", "gsub_backtrack" })
	void whenOneMatchWouldRunForHoursThenTheTimeLimitEndsItWithinThreeSeconds(String name) {
		long start = System.nanoTime();
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatExceptionOfType(LuaTimeoutException.class)
			.isThrownBy(() -> this.runtime.runner.eval(HostileScripts.read("timeout_native/" + name))));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(this.runtime.runner.eval("return ('hello world'):gsub('o', '0')")).isEqualTo("hell0 w0rld");
	}

	@Test
	void whenAPlainSearchWouldTakeQuadraticTimeNativelyThenItTakesLinearTime() {
		// Natively this search takes hours; linear, it takes a
		// fraction of a second (given ten, for a busy machine).
		assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> assertThat(this.runtime.runner.with(LuaOptions.defaults().withTimeout(Duration.ofSeconds(10)))
					.eval(HostileScripts.read("timeout_native/plain_find_quadratic"))).isNull());
	}

	@Test
	void whenEveryPassOfALoopIsExpensiveThenTheTimeLimitStillHolds() {
		long start = System.nanoTime();
		assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatExceptionOfType(LuaTimeoutException.class)
			.isThrownBy(() -> this.runtime.runner.eval(HostileScripts.read("timeout_native/expensive_passes"))));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void whenPatternsAreOrdinaryThenTheyMeanWhatTheyMeanInLuaJit() {
		assertThat(this.runtime.runner.eval("""
				local s = ('key=value; other=thing'):rep(50)
				local n = 0 for k, v in s:gmatch('(%w+)=(%w+)') do n = n + 1 end
				local a, b = ('  trim me  '):match('^%s*(.-)%s*$'), s:find('other', 1, true)
				local g, c = s:gsub('%w+', string.upper)
				return n .. a .. b .. c .. #g .. ('x'):rep(5000):find('x$')
				""")).isEqualTo("51trim me1215111005000");
	}

	@Test
	void whenAPatternIsMalformedThenTheErrorIsLuaJitsAtTheScriptsLine() {
		assertThatExceptionOfType(dev.luayield.LuaScriptException.class)
			.isThrownBy(
					() -> this.runtime.runner.eval("local s = ('a'):rep(5000)\nlocal r = s:find('.-.-(%') return r"))
			.withMessage("eval:2: malformed pattern (ends with '%')");
	}

	@Test
	void whenALongerLimitIsGivenThenSlowButFiniteMatchesFinish() {
		assertThat(this.runtime.runner.with(LuaOptions.defaults().withTimeout(Duration.ofSeconds(30)))
			.eval("return (('ab'):rep(2000) .. 'c'):find('(a.-)c')")).isEqualTo(1L);
	}

}
