package dev.luayield.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.luayield.InvocationInterceptor;
import dev.luayield.engine.LuaVm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Invocations per second through one shared runner and its pool of two Lua states, from
 * one thread and from two: a script making 10 endpoint calls. On a machine of two cores
 * two threads can at best double the throughput; {@code floorOneThread} and
 * {@code floorTwoThreads} show how close this machine gets, each thread running the bare
 * protocol loop of {@link BaselineBenchmark} on its own LuaJIT state, sharing nothing;
 * {@code poolOneThread} and {@code poolTwoThreads} only borrow a state from the pool and
 * return it, to show what the pool costs on its own.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ThroughputBenchmark {

	private BenchRuntime runtime;

	@Setup(Level.Trial)
	public void setUp() {
		this.runtime = BenchRuntime.of(2, InvocationInterceptor.NONE, BenchRuntime.endpoint("api", new BenchApi()));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.runtime.close();
	}

	@Benchmark
	@Threads(1)
	public double floorOneThread(FloorState floor) {
		return floor.run();
	}

	@Benchmark
	@Threads(2)
	public double floorTwoThreads(FloorState floor) {
		return floor.run();
	}

	@Benchmark
	@Threads(1)
	public Object poolOneThread() throws Exception {
		return borrowAndReturn();
	}

	@Benchmark
	@Threads(2)
	public Object poolTwoThreads() throws Exception {
		return borrowAndReturn();
	}

	private Object borrowAndReturn() throws Exception {
		LuaVm vm = this.runtime.pool.borrowObject();
		this.runtime.pool.release(vm);
		return vm;
	}

	@Benchmark
	@Threads(1)
	public Object oneThread() {
		return this.runtime.runner.run("calls_int", 10);
	}

	@Benchmark
	@Threads(2)
	public Object twoThreads() {
		return this.runtime.runner.run("calls_int", 10);
	}

	/**
	 * One thread's own LuaJIT state running the bare protocol loop with 10 calls.
	 */
	@State(Scope.Thread)
	public static class FloorState {

		private final BaselineBenchmark baseline = new BaselineBenchmark();

		@Setup(Level.Trial)
		public void setUp() {
			this.baseline.calls = 10;
			this.baseline.setUp();
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.baseline.tearDown();
		}

		double run() {
			return this.baseline.floorProtocolNatives();
		}

	}

}
