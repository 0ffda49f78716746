package dev.luayield.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The {@code int} case of {@link EndToEndBenchmark} for trusted scripts
 * ({@code lua.limits.timeout=0}, {@code lua.limits.memory=0}): no count hook, the JIT on,
 * as the baselines of {@link BaselineBenchmark} run. Set against the default run it shows
 * what the time and memory limits cost a script that calls endpoints.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class NoLimitsBenchmark {

	@Param({ "0", "100" })
	public int calls;

	private BenchRuntime runtime;

	@Setup(Level.Trial)
	public void setUp() {
		this.runtime = BenchRuntime.withoutLimits(BenchRuntime.endpoint("api", new BenchApi()));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.runtime.close();
	}

	@Benchmark
	public Object run() {
		return this.runtime.runner.run("calls_int", this.calls);
	}

}
