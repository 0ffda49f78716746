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
 * Ordinary use of {@code string.find/match/gmatch/gsub} ({@code patterns.lua}: 50 rounds
 * of parsing a short key=value line), to show what making pattern matching interruptible
 * costs where it is not needed:
 * <ul>
 * <li>{@code runner}: through {@code LuaScriptRunner} with the defaults: each call first
 * bounds the native matcher's worst case, then runs it (or, for calls that could be slow,
 * the sandbox's own matcher).</li>
 * <li>{@code rawJitOff}: the same chunk on a bare LuaJIT state with the JIT off, calling
 * LuaJIT's native functions directly.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PatternBenchmark {

	private BenchRuntime runtime;

	private LuaJit raw;

	private int ref;

	@Setup(Level.Trial)
	public void setUp() {
		this.runtime = BenchRuntime.of(BenchRuntime.endpoint("api", new BenchApi()));
		this.raw = new LuaJit();
		this.raw.openLibraries();
		this.raw.run("jit.off()");
		this.raw.load(source());
		this.ref = this.raw.ref();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.runtime.close();
		this.raw.close();
	}

	@Benchmark
	public Object runner() {
		return this.runtime.runner.run("patterns");
	}

	@Benchmark
	public double rawJitOff() {
		LuaNatives natives = this.raw.getLuaNatives();
		long pointer = this.raw.getPointer();
		natives.luaJ_rawgeti(pointer, natives.getRegistryIndex(), this.ref);
		if (natives.lua_pcall(pointer, 0, 1, 0) != 0) {
			throw new IllegalStateException(this.raw.toString(-1));
		}
		double result = natives.lua_tonumber(pointer, -1);
		natives.lua_settop(pointer, 0);
		return result;
	}

	private static String source() {
		try (InputStream in = PatternBenchmark.class.getResourceAsStream("/lua/patterns.lua")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
