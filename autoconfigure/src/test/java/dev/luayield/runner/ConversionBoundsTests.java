package dev.luayield.runner;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaTrace;
import dev.luayield.sandbox.LuaVmSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile values crossing between Lua and Java: metatables that Java must never run, and
 * values whose copy is far larger than the memory they take in Lua (one string or one
 * table referenced many times, a border of a sparse table, a Java graph that shares its
 * children). Every conversion is bounded by the conversion budget and the invocation's
 * deadline and ends with a {@link LuaScriptException} that says so.
 */
class ConversionBoundsTests {

	private static final String DAG_40 = "local c = {} for i = 1, 40 do c = { c, c } end ";

	private final TestRuntime runtime = new TestRuntime(1, LuaVmSettings.defaults(), 1000, Duration.ofSeconds(5),
			TestRuntime.endpoint("probe", new ConversionProbe()));

	@AfterEach
	void close() {
		this.runtime.close();
	}

	/**
	 * The cases that used to kill the JVM or exhaust a 512 MB heap, run where a failure
	 * cannot take the test JVM with it.
	 */
	@Test
	void whenHostileValuesCrossInAChildJvmWithASmallHeapThenItLivesAndEveryCaseFails() throws Exception {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				ConversionBoundsMain.class.getName())
			.redirectErrorStream(true)
			.start();
		StringBuilder output = new StringBuilder();
		Thread reader = new Thread(() -> {
			try {
				output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (java.io.IOException ex) {
				output.append(ex);
			}
		});
		reader.start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
		reader.join(10_000);
		assertThat(process.exitValue()).as(output.toString()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "__index errors", "__index loops", "__index yields", "__index calls an endpoint" })
	void whenARecordArgumentHasAMetatableThenItsFieldsAreReadRaw(String name) {
		String script = ConversionBoundsMain.metatableScript(ConversionBoundsMain.METATABLES.get(name));
		assertThat(this.runtime.runner.eval(script)).isEqualTo("1:null");
		assertThat(this.runtime.runner.eval("return probe.box({ w = 2, label = 'x' })")).isEqualTo("2:x");
	}

	@Test
	void whenAListArgumentHasALengthMetamethodThenItsRawLengthIsRead() {
		assertThat(this.runtime.runner.eval(ConversionBoundsMain.LEN_ERRORS)).isEqualTo(2L);
	}

	@Test
	void whenTheResultReferencesOneHugeStringManyTimesThenTheBudgetStopsItsCopy() {
		assertFailsOnBudget(this.runtime.runner,
				"local s = string.rep('x', 16 * 2^20) local t = {} for i = 1, 64 do t[i] = s end return t",
				"eval: result.");
	}

	@Test
	void whenTheResultIsADagWithExponentiallyManyPathsThenTheBudgetStopsItsCopy() {
		assertFailsOnBudget(this.runtime.runner, DAG_40 + "return c", "eval: result");
	}

	@Test
	void whenTheResultIsADagReadAsAListThenTheBudgetStopsItsCopy() {
		assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> assertThatExceptionOfType(LuaScriptException.class)
					.isThrownBy(() -> this.runtime.runner.eval(DAG_40 + "return c", List.class))
					.withMessageContaining("conversion budget"));
	}

	@Test
	void whenAnArgumentIsADagThenTheBudgetStopsItsCopyAndTheScriptGetsTheError() {
		assertFailsOnBudget(this.runtime.runner, DAG_40 + "return probe.take(c)", "probe.take: arg 1");
		assertThat(this.runtime.runner
			.eval(DAG_40 + "local ok, err = pcall(probe.take, c) return { ok, probe.take(1), err }")).asString()
			.contains("false, 1, ")
			.contains("pass less data");
	}

	@Test
	void whenATracedCallOrResultIsHugeThenTheTraceRecordsAPlaceholderAndTheCallStillFails() {
		LuaTrace trace = new LuaTrace();
		LuaScriptException failure = assertFailsOnBudget(
				this.runtime.runner.with(LuaOptions.defaults().withTrace(trace)), DAG_40 + "return probe.take(c)",
				"probe.take: arg 1");
		assertThat(failure.getMessage()).contains("probe.take");
		assertThat(trace.getCalls()).hasSize(1);
		assertThat(trace.getCalls().get(0).arguments()).singleElement().asString().startsWith("<not recorded: arg 1");
		LuaTrace resultTrace = new LuaTrace();
		assertFailsOnBudget(this.runtime.runner.with(LuaOptions.defaults().withTrace(resultTrace)), DAG_40 + "return c",
				"eval: result");
		assertThat(resultTrace.getResult()).asString().startsWith("<not recorded: result");
	}

	@Test
	void whenASparseTableHasAHugeBorderThenReadingItAsAListFailsOnBudgetAtOnce() {
		String script = ConversionBoundsMain.SPARSE + "return probe.size(t)";
		long start = System.nanoTime();
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.runtime.runner.eval(script))
			.withMessageContaining("probe.size: arg 1")
			.withMessageContaining("conversion budget");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void whenAnEndpointReturnsAGraphWithSharedChildrenThenTheScriptGetsAClearError() {
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			Object result = this.runtime.runner
				.eval("local ok, err = pcall(probe.graph, 30) return { ok, err, probe.graph(2).left.left.name }");
			assertThat(result).asString()
				.contains("false, probe.graph: result.")
				.contains("conversion budget")
				.contains("leaf");
		});
	}

	@Test
	void whenEachConversionFitsThenManyOfThemFitInOneInvocation() {
		// The budget bounds one copy, not an invocation: a script may stream
		// more data through endpoint calls than any one conversion may hold.
		assertThat(this.runtime.runner.eval(
				"local s = string.rep('x', 2^20) local n = 0 for i = 1, 100 do n = n + probe.take({ s, s }) end return n"))
			.isEqualTo(100L);
	}

	@Test
	void whenAConversionRunsPastTheDeadlineThenItStopsSoonAfter() {
		try (TestRuntime unlimited = new TestRuntime(1,
				LuaVmSettings.defaults().withLimits(LuaVmSettings.DEFAULT_LIMIT_CHECK_INTERVAL, 0, false), 1000,
				Duration.ofSeconds(5), TestRuntime.endpoint("probe", new ConversionProbe()))) {
			// About 2 million tables: within the 256 MB budget of
			// a state without a memory limit, but seconds of work.
			String script = "local c = {} for i = 1, 20 do c = { c, c } end return c";
			long start = System.nanoTime();
			assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatExceptionOfType(LuaScriptException.class)
				.isThrownBy(() -> unlimited.runner.with(LuaOptions.defaults().withTimeout(Duration.ofMillis(200)))
					.eval(script))
				.withMessageContaining("eval: result")
				.withMessageContaining("ran past the invocation's time limit (lua.limits.timeout)"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1200));
		}
	}

	private static LuaScriptException assertFailsOnBudget(dev.luayield.LuaScriptRunner runner, String script,
			String path) {
		List<LuaScriptException> thrown = new ArrayList<>();
		long start = System.nanoTime();
		assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runner.eval(script))
					.withMessageContaining(path)
					.withMessageContaining("larger than the 64 MB conversion budget (lua.limits.memory)")
					.satisfies(thrown::add));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		return thrown.get(0);
	}

}
