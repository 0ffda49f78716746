package dev.luayield.runner;

import java.time.Duration;
import java.util.List;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
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
 * Hostile scripts against the time, memory, recursion and call limits: each ends with the
 * exact exception, the state it ran on is replaced when in doubt, and the next invocation
 * works and sees clean globals.
 */
class LimitsTests {

	private final TestRuntime runtime = new TestRuntime(1, LuaVmSettings.defaults(), 1000, Duration.ofMillis(200),
			TestRuntime.endpoint("probe", new Probe()));

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "while_true", "numeric_loop", "pcall_swallow", "xpcall_swallow", "coroutine_swallow",
			"tail_recursion", "goto_loop", "repeat_loop", "iterator_loop", "metamethod_loop", "load_loop", "load_chain",
			"shadow_countdown" })
	void whenScriptNeverEndsThenItTimesOut(String name) {
		assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> assertThatExceptionOfType(LuaTimeoutException.class)
					.isThrownBy(() -> this.runtime.runner.eval(HostileScripts.read("timeout/" + name)))
					.withMessageContaining("luayield: the script exceeded its time limit of 200 ms"));
		assertNextInvocationIsClean();
		assertThat(this.runtime.pool.getDestroyedCount()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "while_true", "numeric_loop", "tail_recursion", "goto_loop", "repeat_loop",
			"iterator_loop", "load_loop", "shadow_countdown" })
	void whenTheJitCompilesAnEndlessLoopThenTheCompiledLimitCheckStillStopsIt(String name) {
		try (TestRuntime compiled = new TestRuntime(1,
				LuaVmSettings.defaults()
					.withAllowedLibraries(List.of("jit"))
					.withLimits(LuaVmSettings.DEFAULT_LIMIT_CHECK_INTERVAL, 0, true),
				1000, Duration.ofMillis(200))) {
			assertThat(compiled.runner.eval("return jit.status()")).as("the JIT is on").isEqualTo(true);
			assertTimeoutPreemptively(Duration.ofSeconds(10),
					() -> assertThatExceptionOfType(LuaTimeoutException.class)
						.isThrownBy(() -> compiled.runner.eval(HostileScripts.read("timeout/" + name)))
						.withMessageContaining("luayield: the script exceeded its time limit of 200 ms"));
		}
	}

	@Test
	void whenLimitChecksAreCompiledInThenTheScriptMeansWhatItSaid() {
		// Keywords inside strings, comments and long brackets, a method definition,
		// a label at the end of a block after a local (which a statement after the
		// label would break), and an `until` that reads a local of its loop body.
		String source = String.join("\n",
				"local s = 'while true do end' .. \"repeat \\\" do\" .. [==[ function( ]] do ]==]",
				"--[[ for i = 1, 10 do function( ]] local t = {} -- do repeat goto",
				"function t.m(self, x) return x * 2 end", "function t:n(x) return self.m(self, x) + 1 end",
				"local n = 0", "for i = 1, 5 do", "  if i % 2 == 0 then goto continue end", "  local odd = i",
				"  n = n + odd", "  ::continue::", "end", "local k = 0",
				"repeat local done = k >= 3 k = k + 1 until done",
				"return s .. '|' .. t:n(n) .. '|' .. k .. '|' .. select('#', ...)");
		assertThat(this.runtime.runner.eval(source, 7, 8))
			.isEqualTo("while true do end" + "repeat \" do" + " function( ]] do " + "|19|4|2");
	}

	@Test
	void whenScriptFailsThenItsLineIsTheLineOfTheSource() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner
				.eval("local function f()\n  for i = 1, 2 do\n    error('boom')\n  end\nend\nf()"))
			.withMessage("eval:3: boom");
	}

	@Test
	void whenScriptLoopsOverEndpointCallsThenTheCallLimitOrTimeoutStopsIt() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval(HostileScripts.read("timeout/endpoint_loop")))
			.withMessageContaining("probe.ping: more than 1000 endpoint calls in one invocation (lua.limits.calls)");
		assertNextInvocationIsClean();
	}

	@Test
	void whenTimeoutPointsAtALineThenExceptionCarriesIt() {
		assertThatExceptionOfType(LuaTimeoutException.class)
			.isThrownBy(() -> this.runtime.runner.eval("local x = 1\nwhile true do\n x = x + 1\nend"))
			.satisfies((ex) -> assertThat(ex.getLine()).isBetween(2, 4))
			.satisfies((ex) -> assertThat(ex.getScriptName()).isEqualTo("eval"));
	}

	@Test
	void whenOptionsGiveALongerTimeoutThenItApplies() {
		Object result = this.runtime.runner.with(LuaOptions.defaults().withTimeout(Duration.ofSeconds(30)))
			.eval("local t = os.clock() + 0.4 while os.clock() < t do end return 'done'");
		assertThat(result).isEqualTo("done");
		assertThatExceptionOfType(LuaTimeoutException.class)
			.isThrownBy(() -> this.runtime.runner.with(LuaOptions.defaults().withTimeout(Duration.ofMillis(50)))
				.eval("local t = os.clock() + 0.4 while os.clock() < t do end return 'done'"));
	}

	@Test
	void whenTimeLimitIsHitThenNotBeforeItsTime() {
		// The deadline comes from Java's clock and is checked against the prelude's:
		// an offset measured wrong would end the script early (or much too late).
		long start = System.nanoTime();
		assertThatExceptionOfType(LuaTimeoutException.class)
			.isThrownBy(() -> this.runtime.runner.with(LuaOptions.defaults().withTimeout(Duration.ofMillis(300)))
				.eval("while true do end"));
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(elapsedMillis).isBetween(300L, 5000L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "string_rep", "method_rep", "table_growth", "many_strings" })
	void whenScriptAllocatesWithoutBoundThenTheMemoryLimitStopsIt(String name) {
		try (TestRuntime limited = memoryLimited()) {
			assertTimeoutPreemptively(Duration.ofSeconds(30),
					() -> assertThatExceptionOfType(LuaScriptException.class)
						.isThrownBy(() -> limited.runner.eval(HostileScripts.read("memory/" + name)))
						.withMessageContaining("luayield: the script exceeded its memory limit of 16 MB"));
			assertThat(limited.runner.eval("return leaked == nil")).isEqualTo(true);
			assertThat(limited.pool.getDestroyedCount()).as("the state is replaced").isEqualTo(1);
		}
	}

	@Test
	void whenOneExpressionDoublesAStringThenLuaJitsOwnCapOrTheTimeLimitEndsIt() {
		// Between two limit checks a doubling loop can reach LuaJIT's 2 GB string cap:
		// the documented overshoot. It still ends with an error and the JVM lives.
		try (TestRuntime limited = memoryLimited()) {
			assertTimeoutPreemptively(Duration.ofSeconds(30),
					() -> assertThatExceptionOfType(LuaScriptException.class)
						.isThrownBy(() -> limited.runner.eval(HostileScripts.read("memory/concat_loop")))
						.satisfies((ex) -> assertThat(ex.getMessage()).containsAnyOf("string length overflow",
								"exceeded its memory limit", "exceeded its time limit", "not enough memory")));
			assertThat(limited.runner.eval("return 1")).isEqualTo(1L);
		}
	}

	private static TestRuntime memoryLimited() {
		return new TestRuntime(1, LuaVmSettings.defaults().withLimits(1000, 16L * 1024 * 1024, false), 1000,
				Duration.ofSeconds(3), TestRuntime.endpoint("probe", new Probe()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "deep", "gsub_recursive", "sort_recursive", "coroutine_recursive" })
	void whenScriptRecursesWithoutBoundThenItFailsWithAnError(String name) {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval(HostileScripts.read("recursion/" + name)))
			.satisfies((ex) -> assertThat(ex.getMessage()).containsAnyOf("stack overflow",
					"luayield: calls nested deeper than 32 levels"));
		assertNextInvocationIsClean();
	}

	@ParameterizedTest
	@ValueSource(strings = { "deep_pcall", "resume_recursive" })
	void whenScriptRecursesThroughProtectedCallsThenTheInnermostErrorIsCaughtAndTheJvmLives(String name) {
		// pcall and coroutine.resume catch the overflow, as on plain LuaJIT: the script
		// ends normally. Recursing to the overflow takes a while on a loaded machine, so
		// this runs without the 200 ms limit the other tests here want.
		try (TestRuntime unhurried = new TestRuntime(1, LuaVmSettings.defaults(), 1000, Duration.ofSeconds(10),
				TestRuntime.endpoint("probe", new Probe()))) {
			assertThat(unhurried.runner.eval(HostileScripts.read("recursion/" + name))).isNotNull();
			assertThat(unhurried.runner.eval("return probe:ping()")).isNotNull();
		}
	}

	@Test
	void whenCoroutinesNestWithinTheLimitThenTheyWork() {
		assertThat(this.runtime.runner.eval("local function f(n) if n == 0 then return probe:ping() end"
				+ " return coroutine.wrap(f)(n - 1) end return f(30)"))
			.isEqualTo(1L);
	}

	@Test
	void whenGsubCallbacksNestThenTheyStillWork() {
		assertThat(this.runtime.runner.eval(HostileScripts.read("recursion/gsub_nested"))).isEqualTo("yyyyyyyyyy");
	}

	@Test
	void whenLimitsAreOffThenLongLoopsFinish() {
		TestRuntime unlimited = new TestRuntime(1, LuaVmSettings.defaults().withLimits(0, 0, true), 1000,
				(Duration) null, TestRuntime.endpoint("probe", new Probe()));
		try {
			assertThat(unlimited.runner.eval("local x = 0 for i = 1, 3e7 do x = x + 1 end return x"))
				.isEqualTo(30_000_000L);
		}
		finally {
			unlimited.close();
		}
	}

	private void assertNextInvocationIsClean() {
		this.runtime.runner.eval("leaked = true");
		assertThat(this.runtime.runner.eval("return { probe:ping(), leaked == nil }")).isEqualTo(List.of(1L, true));
	}

	/**
	 * An endpoint for scripts to call in loops.
	 */
	public static class Probe {

		public int ping() {
			return 1;
		}

	}

}
