package dev.luayield.runner;

import java.time.Duration;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptRunner;
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
 * Loops whose every pass is one expensive C call or VM operation: the countdowns compiled
 * into scripts read the clock only every so many passes, so only the watchdog, which
 * interrupts the running state from its own thread, holds these to the time limit. With a
 * 1 s limit, each invocation ends within 3 s of its start.
 */
class WatchdogTests {

	private static final String BIG = "local s = ('y'):rep(1e7) ";

	private final TestRuntime runtime = new TestRuntime(1, LuaVmSettings.defaults(), 1_000_000, Duration.ofSeconds(1),
			TestRuntime.endpoint("world", new World()));

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { BIG + "for i = 1, 10000 do local u = s:upper() end",
			BIG + "for i = 1, 10000 do local x = s .. 'a' end",
			"local t = {} for i = 1, 1e6 do t[i] = 'abcdefghij' end for i = 1, 10000 do local x = table.concat(t) end",
			BIG + "for i = 1, 10000 do local x = string.rep(s, 1) end",
			"local t = {} for i = 1, 1e6 do t[i] = (i * 7919) % 1000003 end" + " for i = 1, 10000 do table.sort(t) end",
			BIG + "for i = 1, 10000 do pcall(function() local u = s:upper() end) end",
			BIG + "local n = 0 for i = 1, 10000 do local ok = pcall(string.upper, s) if not ok then n = n + 1 end end"
					+ " return n" })
	void whenEveryPassIsOneExpensiveOperationThenTheTimeLimitEndsItWithinThreeSeconds(String script) {
		long start = System.nanoTime();
		assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatExceptionOfType(LuaTimeoutException.class)
			.isThrownBy(() -> this.runtime.runner.eval(script)));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(this.runtime.runner.eval("local t = {3, 1, 2} table.sort(t) return t[1] .. ('x'):upper()"))
			.isEqualTo("1X");
	}

	@Test
	void whenTheScriptSwallowsTheInterruptionThenItStillEndsAsATimeout() {
		long start = System.nanoTime();
		assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatExceptionOfType(LuaTimeoutException.class)
			.isThrownBy(() -> this.runtime.runner.eval(BIG + """
					local caught = 0
					for i = 1, 10000 do
						local ok = pcall(function() local u = s:upper() end)
						if not ok then caught = caught + 1 while true do pcall(error, 'again') end end
					end
					return caught
					""")));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void whenAnExpensiveLoopTimedOutThenTheNextInvocationOnThePoolWorks() {
		assertThatExceptionOfType(LuaTimeoutException.class)
			.isThrownBy(() -> this.runtime.runner.eval(BIG + "for i = 1, 10000 do local u = s:upper() end"));
		assertThat(this.runtime.runner.eval("return world:get_hp(1)")).isNotNull();
		assertThat(this.runtime.runner.eval("local s = ('y'):rep(1e6) return #s:upper()")).isEqualTo(1_000_000L);
	}

	@Test
	void whenManyQuickInvocationsRunThenNoneTimesOut() {
		for (int i = 0; i < 1000; i++) {
			assertThat(this.runtime.runner.eval("local n = 0 for i = 1, 100 do n = n + i end return n + ...", i))
				.isEqualTo(5050L + i);
		}
	}

	@Test
	void whenQuickInvocationsFollowInterruptedOnesThenNoneTimesOut() {
		// Whatever the watchdog does around the end of an interrupted invocation
		// must not reach the next one, on the same state or a fresh one.
		LuaScriptRunner shortLimit = this.runtime.runner
			.with(LuaOptions.defaults().withTimeout(Duration.ofMillis(100)));
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(LuaTimeoutException.class)
				.isThrownBy(() -> shortLimit.eval(BIG + "for i = 1, 10000 do local u = s:upper() end"));
			for (int j = 0; j < 50; j++) {
				assertThat(shortLimit.eval("local n = 0 for i = 1, 1000 do n = n + i end return n")).isEqualTo(500500L);
			}
		}
	}

	@Test
	void whenAChildJvmRunsAnExpensiveLoopThenItExitsCleanly() {
		ChildJvm.Result result = ChildJvm.run(BIG + "for i = 1, 10000 do local u = s:upper() end",
				"-D" + ChildJvm.TIMEOUT_PROPERTY + "=1000");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.output()).contains("FAILED: LuaTimeoutException").contains("AFTER: 46");
		assertThat(result.output()).containsPattern("ELAPSED_MS: ([0-9]{1,3}|[0-2][0-9]{3})\\b");
	}

}
