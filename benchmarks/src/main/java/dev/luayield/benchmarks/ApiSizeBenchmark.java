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
 * The API-size sweep: an endpoint of 5 to 1,000 methods (the generated
 * {@code dev.luayield.benchmarks.api.ApiN} classes). {@code empty} runs a script that
 * calls nothing, which shows whether an invocation's fixed cost grows with the API;
 * {@code callLast} calls the endpoint's last method 10 times.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ApiSizeBenchmark {

	@Param({ "5", "50", "200", "1000" })
	public int methods;

	private BenchRuntime runtime;

	private String callLast;

	@Setup(Level.Trial)
	public void setUp() throws ReflectiveOperationException {
		Object api = Class.forName("dev.luayield.benchmarks.api.Api" + this.methods).getConstructor().newInstance();
		this.runtime = BenchRuntime.of(BenchRuntime.endpoint("api", api));
		this.callLast = String.format("local s = 0 for i = 1, 10 do s = s + api:m%04d(i) end return s", this.methods);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.runtime.close();
	}

	@Benchmark
	public Object empty() {
		return this.runtime.runner.run("empty");
	}

	@Benchmark
	public Object callLast() {
		return this.runtime.runner.eval(this.callLast);
	}

}
