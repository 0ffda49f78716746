package dev.luayield.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import party.iroiro.luajava.LuaNatives;
import party.iroiro.luajava.luajit.LuaJit;

/**
 * A compute-heavy pure-Lua script ({@code nbody.lua}, 2,000 steps, no endpoint calls), to
 * show what the sandbox's limits cost:
 * <ul>
 * <li>{@code runner}: through {@code LuaScriptRunner} with the runtime's defaults: the
 * JIT off, limit checks compiled into the script's loops and function entries.</li>
 * <li>{@code runnerJit}: the same with {@code lua.limits.jit=true}: the checks run inside
 * compiled traces.</li>
 * <li>{@code rawJitOff}: the chunk on a bare LuaJIT state with the JIT off and no hook:
 * what the interpreter alone costs.</li>
 * <li>{@code rawJitOn}: the same chunk on a bare LuaJIT state, JIT on, no hook: what it
 * costs with no limit at all.</li>
 * <li>{@code rawJitOffCountHook}: JIT off and a count hook every 1,000 instructions that
 * checks a deadline, the classic way to stop a runaway script on LuaJIT (count hooks do
 * not fire inside compiled traces, so the JIT has to go).</li>
 * <li>{@code rawJitOnCountHook}: the hook with the JIT left on: cheap, but it cannot stop
 * a compiled loop, so it is no limit.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ComputeBenchmark {

	static final int STEPS = 2000;

	private static final String HOOK = "local clock, deadline = os.clock, os.clock() + 3600\n"
			+ "debug.sethook(function() if clock() > deadline then error('timeout') end end, '', 1000)";

	private BenchRuntime runtime;

	private BenchRuntime jitRuntime;

	private RawState jitOn;

	private RawState jitOff;

	private RawState jitOffHook;

	private RawState jitOnHook;

	@Setup(Level.Trial)
	public void setUp() {
		this.runtime = BenchRuntime.of(BenchRuntime.endpoint("api", new BenchApi()));
		String source = source();
		this.jitRuntime = BenchRuntime.withJit(BenchRuntime.endpoint("api", new BenchApi()));
		this.jitOn = new RawState(source, "");
		this.jitOff = new RawState(source, "jit.off()");
		this.jitOffHook = new RawState(source, "jit.off()\n" + HOOK);
		this.jitOnHook = new RawState(source, HOOK);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.runtime.close();
		this.jitRuntime.close();
		this.jitOn.close();
		this.jitOff.close();
		this.jitOffHook.close();
		this.jitOnHook.close();
	}

	@Benchmark
	public Object runner() {
		return this.runtime.runner.run("nbody", STEPS);
	}

	@Benchmark
	public Object runnerJit() {
		return this.jitRuntime.runner.run("nbody", STEPS);
	}

	@Benchmark
	public double rawJitOff() {
		return this.jitOff.run();
	}

	@Benchmark
	public double rawJitOn() {
		return this.jitOn.run();
	}

	@Benchmark
	public double rawJitOffCountHook() {
		return this.jitOffHook.run();
	}

	@Benchmark
	public double rawJitOnCountHook() {
		return this.jitOnHook.run();
	}

	private static String source() {
		try (InputStream in = ComputeBenchmark.class.getResourceAsStream("/lua/nbody.lua")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A bare LuaJIT state holding the script as a function, set up by some Lua first.
	 */
	private static final class RawState implements AutoCloseable {

		private final LuaJit lua = new LuaJit();

		private final int ref;

		RawState(String source, String setup) {
			this.lua.openLibraries();
			this.lua.run(setup);
			this.lua.load(source);
			this.ref = this.lua.ref();
		}

		double run() {
			LuaNatives natives = this.lua.getLuaNatives();
			long pointer = this.lua.getPointer();
			natives.luaJ_rawgeti(pointer, natives.getRegistryIndex(), this.ref);
			natives.lua_pushinteger(pointer, STEPS);
			if (natives.lua_pcall(pointer, 1, 1, 0) != 0) {
				throw new IllegalStateException(this.lua.toString(-1));
			}
			double result = natives.lua_tonumber(pointer, -1);
			natives.lua_settop(pointer, 0);
			return result;
		}

		@Override
		public void close() {
			this.lua.close();
		}

	}

}
