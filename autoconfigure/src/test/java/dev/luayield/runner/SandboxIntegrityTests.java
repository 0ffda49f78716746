package dev.luayield.runner;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaTimeoutException;
import dev.luayield.engine.LuaVm;
import dev.luayield.sandbox.LuaVmSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Attacks on the sandbox's integrity (files under
 * {@code src/test/resources/hostile/integrity} and inline): nothing an invocation does
 * may change what a later invocation on the same state sees, runs, logs or pays for; no
 * script code runs outside the invocation's limits; nothing a script does kills the JVM
 * (those cases run in a {@link ChildJvm}).
 */
class SandboxIntegrityTests {

	private final Tally tally = new Tally();

	private final TestRuntime runtime = new TestRuntime(1, LuaVmSettings.defaults(), 1_000_000, Duration.ofMillis(500),
			TestRuntime.endpoint("world", new World()), TestRuntime.endpoint("tally", this.tally));

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "setfenv_sort", "setfenv_level_in_comparator", "setfenv_string_zero",
			"setfenv_fraction_zero", "setfenv_negative_fraction", "setfenv_coroutine_wrap", "setfenv_proxy_method",
			"setfenv_level_above_chunk", "setfenv_require", "setfenv_print", "setfenv_gsub", "setfenv_pcall" })
	void whenScriptTriesToChangeTheEnvironmentOfSandboxCodeThenItIsRefusedAndLaterInvocationsAreUnaffected(
			String name) {
		Object outcome;
		try {
			outcome = this.runtime.runner.eval(HostileScripts.read("integrity/" + name));
		}
		catch (LuaScriptException ex) {
			outcome = ex.getMessage();
		}
		assertThat(String.valueOf(outcome)).contains("belongs to the sandbox");
		assertSharedCodeBehavesAsNew();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "getfenv(table.sort)", "getfenv(coroutine.wrap)", "getfenv(world.get_hp)",
			"getfenv(require)", "getfenv(print)", "getfenv(3)", "getfenv('3')" })
	void whenScriptAsksForTheEnvironmentOfSandboxCodeThenItIsRefused(String call) {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("local env = " + call + " return env"))
			.withMessageContaining("belongs to the sandbox");
	}

	@Test
	void whenScriptAsksForItsOwnEnvironmentThenItGetsItsGlobals() {
		assertThat(this.runtime.runner.eval("x = 1 return getfenv(1).x + getfenv(0).x + getfenv().x"
				+ " + (getfenv(function() end).x) + (getfenv(string.upper) == _G and 1 or 0)"))
			.isEqualTo(5L);
	}

	@Test
	void whenScriptSetsTheEnvironmentOfItsOwnFunctionThenThatWorks() {
		assertThat(this.runtime.runner.eval("local function f() return y end setfenv(f, { y = 7 }) return f()"))
			.isEqualTo(7L);
		assertThat(this.runtime.runner.eval("setfenv(1, { r = 3 }) return r")).isEqualTo(3L);
	}

	@Test
	void whenAnInvocationLeaksNestingCountsThenTheNextInvocationIsUnaffected() {
		this.runtime.runner.eval("for i = 1, 40 do pcall(coroutine.resume, nil) end");
		String unusual = "nul\0 and \uD83D\uDE00";
		assertThat(this.runtime.runner.eval("return ...", unusual)).isEqualTo(unusual);
		assertThat(this.runtime.runner.eval("local f = coroutine.wrap(function() return 1 end) return f()"))
			.isEqualTo(1L);
	}

	@Test
	void whenAnInvocationFailsWithOutputBufferedThenTheOutputIsNotLoggedUnderTheNextScript() {
		ListAppender<ILoggingEvent> next = appender("lua.eval");
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.runtime.runner
			.eval("table.sort({ 2, 1 }, function(a, b) print('from the failed one') return a < b end) error('x')"));
		next.list.clear();
		this.runtime.runner.eval("print('second')");
		assertThat(next.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("second");
	}

	@Test
	void whenScriptPrintsLinesAndControlCharactersThenEachLineIsOneEscapedLogEvent() {
		ListAppender<ILoggingEvent> log = appender("lua.eval");
		this.runtime.runner.eval("print('one\\ntwo\\27[31m red', 3)");
		this.runtime.runner.eval("table.sort({ 2, 1 }, function(a, b) print('inside\\r\\nsort') return a < b end)");
		assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("one", "two\\x1b[31m red\t3", "inside\\r", "sort");
	}

	@Test
	void whenScriptForgesTheTimeoutMessageThenItIsAnOrdinaryErrorAndTheStateIsKept() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("error('luayield: the script exceeded its time limit of 1 ms')"))
			.isNotInstanceOf(LuaTimeoutException.class);
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("error('luayield: the script exceeded its memory limit')"));
		assertThat(this.runtime.pool.getDestroyedCount()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "while true do end", "error('x')", "coroutine.yield()", "return world:get_hp(1)",
			"return string.rep('x', 2^40)" })
	void whenAnErrorObjectsTostringMisbehavesThenTheInvocationStillEndsWithinItsLimit(String body) {
		assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.runtime.runner
					.eval("error(setmetatable({}, { __tostring = function() " + body + " end }))")));
		assertSharedCodeBehavesAsNew();
	}

	@Test
	void whenTheTimeoutOptionIsNotPositiveThenItIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LuaOptions.defaults().withTimeout(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LuaOptions.defaults().withTimeout(Duration.ofSeconds(-1)));
	}

	@Test
	void whenTheConfiguredLimitsAreOffThenAPerInvocationTimeoutStillApplies() {
		try (TestRuntime unlimited = new TestRuntime(1, LuaVmSettings.defaults().withLimits(0, 0, false), 1000,
				(Duration) null, TestRuntime.endpoint("world", new World()))) {
			assertTimeoutPreemptively(Duration.ofSeconds(5),
					() -> assertThatExceptionOfType(LuaTimeoutException.class).isThrownBy(
							() -> unlimited.runner.with(LuaOptions.defaults().withTimeout(Duration.ofMillis(200)))
								.eval("while true do end")));
		}
	}

	@Test
	void whenTheDeadlinePassesDuringAnEndpointCallThenNoFurtherCallIsMade() {
		assertThatExceptionOfType(LuaTimeoutException.class)
			.isThrownBy(() -> this.runtime.runner.eval("tally:slow(700) for i = 1, 500 do tally:count() end"));
		assertThat(this.tally.counted).hasValue(0);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "sort_lt", "format_tostring", "os_time_index", "gsub_table_index", "concat_sort" })
	void whenNativeRecursionGoesThroughACFunctionThenTheNestingLimitStopsItAndTheJvmLives(String name) {
		ChildJvm.Result result = ChildJvm.run(HostileScripts.read("integrity/" + name));
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.output()).contains("calls nested deeper than").contains("AFTER: 46");
	}

	@Test
	void whenAnErrorObjectHasMetamethodsThenJavaDescribesItWithoutRunningThem() {
		ChildJvm.Result result = ChildJvm.run("error(setmetatable({}, { __index = function() error('boom') end,"
				+ " __tostring = function() return 'described' end }))");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.output()).contains("FAILED: LuaScriptException").contains("AFTER: 46");
	}

	@Test
	void whenADeepArgumentIsReadFromANearlyFullStackThenTheStateSurvives() {
		ChildJvm.Result result = ChildJvm.run("""
				local deep = 1 for i = 1, 60 do deep = { deep } end
				local depth = 0
				local function dive() depth = depth + 1 return 1 + dive() end
				pcall(dive)
				local function probe(n)
				  if n == 0 then return world:depth_of(deep) end
				  return 0 + probe(n - 1)
				end
				-- The deepest level at which the call still goes through: the stack is then as
				-- full as it can be while Java reads the argument.
				local n = depth
				while not pcall(probe, n) do n = n - 64 end
				local last
				for m = n + 63, n, -1 do
				  local ok, value = pcall(probe, m)
				  if ok then last = value break end
				end
				return load('return 1 + 1')() .. ' ' .. tostring(last)
				""");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.output()).contains("RESULT: 2 60").contains("AFTER: 46");
	}

	@Test
	void whenATracedResultIsCopiedFromANearlyFullStackThenTheStateSurvives() {
		ChildJvm.Result result = ChildJvm.run(HostileScripts.read("integrity/full_stack_result"),
				"-Dluayield.probe.trace=true");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.output()).contains("AFTER: 46");
	}

	@Test
	void whenANestedResultIsPushedIntoAFullStackThenTheStateSurvives() {
		ChildJvm.Result result = ChildJvm.run(HostileScripts.read("integrity/full_stack_result"));
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.output()).contains("AFTER: 46");
	}

	@Test
	void whenAnEvalChunkFailsThenItIsNotKeptForTheNextInvocationToPayFor() {
		String huge = "local t = {" + "1,".repeat(400_000) + "} error('fails')";
		for (int i = 0; i < 3; i++) {
			String variant = huge + " -- " + i;
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.runtime.runner.eval(variant));
		}
		LuaVm vm = borrowed();
		try {
			((party.iroiro.luajava.luajit.LuaJitNatives) vm.natives()).lua_gc(vm.mainStack().pointer, 2, 0);
			assertThat(vm.memoryInUse()).as("failed chunks are not cached").isLessThan(8L * 1024 * 1024);
		}
		finally {
			this.runtime.pool.release(vm);
		}
	}

	@Test
	void whenAScriptLoadsAHugeSourceThenTheTimeLimitApplies() {
		assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.runtime.runner
					.eval("local src = string.rep('x = 1 ', 4e6) for i = 1, 100 do load(src) end")));
	}

	@Test
	void whenAScriptReachesTheRealStringLibraryThroughTheMetatableThenItFindsNoDump() {
		assertThat(this.runtime.runner.eval("return type(('').dump), type(string.dump)")).isEqualTo("nil");
		assertThat(this.runtime.runner.eval("return select(2, pcall(function() return ('').dump(print) end))"))
			.asString()
			.contains("attempt to call field 'dump' (a nil value)");
	}

	@Test
	void whenAnEndpointIsCalledFromACallbackThatCRunsThenTheErrorNamesTheLineAndSaysWhatToDo() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner
				.eval("local t = { 3, 1, 2 }\ntable.sort(t, function(a, b)\n" + "  return world:get_hp(a) < b\nend)"))
			.withMessageStartingWith("eval:3: world.get_hp: endpoints cannot be called from inside a callback")
			.withMessageContaining("call the endpoint before or after");
		assertThat(this.runtime.runner.eval("local t = { 3, 1, 2 } table.sort(t) return world:get_hp(1)"))
			.isEqualTo(45L);
	}

	@Test
	void whenAScriptRecursesWithoutEndThenItGetsLuasStackOverflow() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("local function f() return 1 + f() end return f()"))
			.withMessageContaining("stack overflow")
			.withMessageNotContaining("memory limit");
	}

	private LuaVm borrowed() {
		try {
			return this.runtime.pool.borrowObject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs, on the same state, code that touches everything the sandbox shares between
	 * invocations, and checks that it behaves as on a state that was never attacked.
	 */
	private void assertSharedCodeBehavesAsNew() {
		int before = this.tally.counted.get();
		Object result = this.runtime.runner.eval("""
				local t = { 3, 1, 2 } table.sort(t)
				local u = { 3, 1, 2 } table.sort(u, function(a, b) return a > b end)
				local g = ('abc'):gsub('b', function(c) return c:upper() end)
				local w = coroutine.wrap(function() coroutine.yield(1) return 2 end)
				local f = string.format('%s-%d', 'x', 5)
				print('canary')
				return table.concat(t) .. table.concat(u) .. g .. w() .. w() .. f .. world:get_hp(1)
					.. tostring(getfenv(0) == _G) .. tostring(leaked)
				""");
		assertThat(result).isEqualTo("123321aBc12x-545truenil");
		assertThat(this.tally.counted.get()).as("no attacker code ran").isEqualTo(before);
	}

	private static ListAppender<ILoggingEvent> appender(String name) {
		Logger logger = (Logger) LoggerFactory.getLogger(name);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		return appender;
	}

	/**
	 * Counts the calls attackers try to smuggle into later invocations.
	 */
	public static class Tally {

		final AtomicInteger counted = new AtomicInteger();

		public void count() {
			this.counted.incrementAndGet();
		}

		public void slow(int millis) throws InterruptedException {
			Thread.sleep(millis);
		}

	}

}
