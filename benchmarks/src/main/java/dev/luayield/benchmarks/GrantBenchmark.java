package dev.luayield.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptRunner;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * What least privilege costs: the {@code calls_int} script (K calls of
 * {@code api:add_one}) on a state with three endpoints, run with every endpoint, with a
 * grant of {@code api} alone, with a grant narrowed to {@code api.add_one}, with the
 * grant configured for the script (the same script as {@code granted/calls_int}, with
 * {@code lua.permissions.granted=api}), and with the grant given through a fresh
 * {@code runner.with(...)} per invocation, as a web controller would. Same run, same
 * state, so the ratios compare.
 * <p>
 * On a shared machine the load drifts from one benchmark to the next by more than the
 * differences measured here; {@link #interleaved} runs all five in turn, the first one
 * twice as a control, rotating their order, and sums the time of each
 * ({@link Interleaved}), so that drift falls on all of them alike and the ratio of the
 * sums is what to read.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class GrantBenchmark {

	private static final LuaOptions API_ONLY = LuaOptions.defaults().withEndpoints("api");

	@Param({ "0", "10" })
	public int calls;

	private BenchRuntime runtime;

	private LuaScriptRunner granted;

	private LuaScriptRunner narrowed;

	@Setup(Level.Trial)
	public void setUp() {
		this.runtime = BenchRuntime.withPermissions(Map.of("granted", List.of("api")),
				BenchRuntime.endpoint("api", new BenchApi()), BenchRuntime.endpoint("dice", new BenchApi()),
				BenchRuntime.endpoint("log", new BenchApi()));
		this.granted = this.runtime.runner.with(API_ONLY);
		this.narrowed = this.runtime.runner.with(LuaOptions.defaults().withMethods("api.add_one"));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.runtime.close();
	}

	@Benchmark
	public Object everyEndpoint() {
		return this.runtime.runner.run("calls_int", this.calls);
	}

	@Benchmark
	public Object grantedEndpoint() {
		return this.granted.run("calls_int", this.calls);
	}

	@Benchmark
	public Object grantedMethod() {
		return this.narrowed.run("calls_int", this.calls);
	}

	@Benchmark
	public Object configuredGrant() {
		return this.runtime.runner.run("granted/calls_int", this.calls);
	}

	@Benchmark
	public Object grantedThroughWithPerInvocation() {
		return this.runtime.runner.with(API_ONLY).run("calls_int", this.calls);
	}

	@Benchmark
	public void interleaved(Interleaved nanos) {
		int turn = nanos.turn++ % 6;
		for (int i = 0; i < 6; i++) {
			int variant = (turn + i) % 6;
			long start = System.nanoTime();
			switch (variant) {
				case 0 -> {
					this.runtime.runner.run("calls_int", this.calls);
					nanos.everyEndpointNanos += System.nanoTime() - start;
				}
				case 1 -> {
					this.granted.run("calls_int", this.calls);
					nanos.grantedEndpointNanos += System.nanoTime() - start;
				}
				case 2 -> {
					this.runtime.runner.run("calls_int", this.calls);
					nanos.everyEndpointAgainNanos += System.nanoTime() - start;
				}
				case 3 -> {
					this.narrowed.run("calls_int", this.calls);
					nanos.grantedMethodNanos += System.nanoTime() - start;
				}
				case 4 -> {
					this.runtime.runner.run("granted/calls_int", this.calls);
					nanos.configuredGrantNanos += System.nanoTime() - start;
				}
				default -> {
					this.runtime.runner.with(API_ONLY).run("calls_int", this.calls);
					nanos.grantedThroughWithNanos += System.nanoTime() - start;
				}
			}
		}
	}

	/**
	 * The time each variant took in {@link #interleaved}, summed per iteration.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Interleaved {

		public long everyEndpointNanos;

		public long grantedEndpointNanos;

		public long grantedMethodNanos;

		/** The first variant again: how far two identical variants differ here. */
		public long everyEndpointAgainNanos;

		public long configuredGrantNanos;

		public long grantedThroughWithNanos;

		int turn;

		@Setup(Level.Iteration)
		public void clear() {
			this.everyEndpointNanos = 0;
			this.grantedEndpointNanos = 0;
			this.grantedMethodNanos = 0;
			this.everyEndpointAgainNanos = 0;
			this.configuredGrantNanos = 0;
			this.grantedThroughWithNanos = 0;
		}

	}

}
