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
 * {@code LuaScriptRunner.run} end to end: a named script making {@code calls} endpoint
 * calls whose argument is an int, a string or a record, and whose result is an int. The
 * cost of one call is the slope between {@code calls=0} and {@code calls=100}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class EndToEndBenchmark {

	@Param({ "0", "1", "10", "100" })
	public int calls;

	@Param({ "int", "string", "record" })
	public String argument;

	private BenchRuntime runtime;

	private String script;

	@Setup(Level.Trial)
	public void setUp() {
		this.runtime = BenchRuntime.of(BenchRuntime.endpoint("api", new BenchApi()));
		this.script = "calls_" + this.argument;
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.runtime.close();
	}

	@Benchmark
	public Object run() {
		return this.runtime.runner.run(this.script, this.calls);
	}

}
