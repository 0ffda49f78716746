package dev.luayield.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import party.iroiro.luajava.AbstractLua;
import party.iroiro.luajava.luajit.LuaJit;
import party.iroiro.luajava.luajit.LuaJitNatives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The counting allocator refuses growth past the limit while armed, so a script that asks
 * for too much gets LuaJIT's own memory error instead of the process's memory; the flag
 * it sets survives a {@code pcall} that swallows the error. Whatever could take the JVM
 * down runs in a child JVM before it runs here.
 */
class NativeMemoryLimitTests {

	static final int LUA_OK = 0;

	static final int LUA_ERRMEM = 4;

	static final long MB = 1024 * 1024;

	static final String BOMB = "local s = string.rep('x', 200*1024*1024) return #s";

	private static final Map<String, Child> probes = new ConcurrentHashMap<>();

	private Guarded state;

	@BeforeEach
	void open() {
		assertThat(NativeMemoryLimit.isAvailable()).as("the shim is built and loads on this platform").isTrue();
		this.state = new Guarded(16 * MB);
	}

	@AfterEach
	void close() {
		this.state.close();
	}

	@Test
	void whenAChildJvmRunsTheAllocationBombThenItExitsCleanly() {
		Child child = probe("bomb");
		assertThat(child.exit()).as(child.output()).isZero();
		assertThat(child.output()).contains("bomb: status 4, exceeded true");
	}

	@Test
	void whenTheJitCompilesALoopThatBuildsStringsThenTheLimitStillHoldsInAChildJvm() {
		Child child = probe("jit");
		assertThat(child.exit()).as(child.output()).isZero();
		assertThat(child.output()).contains("jit: status 4, exceeded true", "jit: state still works");
	}

	@Test
	void whenArmedThenACoroutineThatAllocatesTooMuchGetsAMemoryError() {
		survivesInAChild("bomb");
		int status = this.state.resumeArmed(BOMB);
		assertThat(status).isEqualTo(LUA_ERRMEM);
		assertThat(this.state.thread.toString(-1)).isEqualTo("not enough memory");
		assertThat(this.state.limit.exceeded()).isTrue();
		assertThat(this.state.limit.used()).isLessThanOrEqualTo(this.state.limit.limit());
	}

	@Test
	void whenAScriptCatchesTheMemoryErrorThenTheFlagStaysSet() {
		survivesInAChild("bomb");
		int status = this.state.resumeArmed("local ok, err = pcall(string.rep, 'x', 200*1024*1024) "
				+ "if ok then return 'allocated' end return err");
		assertThat(status).isEqualTo(LUA_OK);
		assertThat(this.state.thread.toString(-1)).isEqualTo("not enough memory");
		assertThat(this.state.limit.exceeded()).isTrue();
		this.state.limit.clearExceeded();
		assertThat(this.state.limit.exceeded()).isFalse();
	}

	@Test
	void whenDisarmedThenTheSameAllocationSucceeds() {
		int status = this.state.resume(BOMB);
		assertThat(status).isEqualTo(LUA_OK);
		assertThat(this.state.thread.toString(-1)).isEqualTo(String.valueOf(200 * MB));
		assertThat(this.state.limit.exceeded()).isFalse();
		assertThat(this.state.limit.used()).isGreaterThan(this.state.limit.limit());
	}

	@Test
	void whenAProtectedCallOnTheMainThreadAllocatesTooMuchThenItGetsAMemoryError() {
		survivesInAChild("bomb");
		this.state.main.load(BOMB);
		this.state.limit.arm();
		int status = this.state.natives.lua_pcall(this.state.main.getPointer(), 0, 1, 0);
		this.state.limit.disarm();
		assertThat(status).isEqualTo(LUA_ERRMEM);
		assertThat(this.state.main.toString(-1)).isEqualTo("not enough memory");
		assertThat(this.state.limit.exceeded()).isTrue();
	}

	@Test
	void whenClosedThenTheStateClosesAndNewStatesCanBeGuardedAgain() {
		survivesInAChild("bomb");
		this.state.limit.close();
		this.state.limit.close();
		for (int i = 0; i < 50; i++) {
			try (Guarded cycle = new Guarded(MB)) {
				assertThat(cycle.resumeArmed("local t = {} for i = 1, 1e6 do t[i] = i end")).isEqualTo(LUA_ERRMEM);
				assertThat(cycle.limit.exceeded()).isTrue();
			}
		}
	}

	@Test
	void whenTheGarbageIsCollectedThenUsedMatchesWhatLuaCounts() {
		assertThat(this.state.resumeArmed("local t = {} for i = 1, 1e4 do t[i] = tostring(i) .. 'x' end "
				+ "t = nil collectgarbage('collect') return collectgarbage('count')"))
			.isEqualTo(LUA_OK);
		long counted = this.state.natives.lua_gc(this.state.main.getPointer(), 3, 0) * 1024L
				+ this.state.natives.lua_gc(this.state.main.getPointer(), 4, 0);
		assertThat(this.state.limit.used()).isCloseTo(counted, within(1024L));
		assertThat(this.state.limit.exceeded()).isFalse();
	}

	@Test
	void whenTheLimitIsRaisedThenTheAllocationFits() {
		survivesInAChild("bomb");
		// string.rep doubles its buffer to 256 MB,
		// then copies the 200 MB string out of it.
		this.state.limit.setLimit(this.state.limit.used() + 600 * MB);
		int status = this.state.resumeArmed(BOMB);
		assertThat(status).isEqualTo(LUA_OK);
		assertThat(this.state.limit.exceeded()).isFalse();
	}

	@Test
	void whenLuaReadsTheFlagThroughTheFfiThenItSeesTheRefusal() {
		survivesInAChild("bomb");
		this.state.main.run("flag = require('ffi').cast('int32_t *', " + this.state.limit.flagAddress() + ")");
		int status = this.state.resumeArmed(
				"local before = flag[0] pcall(string.rep, 'x', 200*1024*1024) " + "return before .. ',' .. flag[0]");
		assertThat(status).isEqualTo(LUA_OK);
		assertThat(this.state.thread.toString(-1)).isEqualTo("0,1");
	}

	@Test
	void whenTheSwitchIsOffThenTheLimitIsNotAvailable() {
		Child child = probe("disabled");
		assertThat(child.exit()).as(child.output()).isZero();
		assertThat(child.output()).contains("available: false");
	}

	private static void survivesInAChild(String mode) {
		Child child = probe(mode);
		assertThat(child.exit()).as("the child JVM survived '%s' first: %s", mode, child.output()).isZero();
	}

	private static Child probe(String mode) {
		return probes.computeIfAbsent(mode, NativeMemoryLimitTests::runChild);
	}

	private static Child runChild(String mode) {
		Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx128m"));
		if (mode.equals("disabled")) {
			command.add("-D" + "luayield.native-memory-limit=false");
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName(), mode));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new Child(-1, "timed out");
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return new Child(process.exitValue(), output);
		}
		catch (IOException ex) {
			return new Child(-1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Child(-1, ex.toString());
		}
	}

	/**
	 * How a child JVM ended: its exit value and everything it printed.
	 */
	record Child(int exit, String output) {
	}

	/**
	 * A LuaJava state with the libraries open, a coroutine, and a limit of what it used
	 * when guarded plus the given headroom, disarmed.
	 */
	static final class Guarded implements AutoCloseable {

		final LuaJit main;

		final LuaJitNatives natives;

		final NativeMemoryLimit limit;

		AbstractLua thread;

		Guarded(long headroom) {
			this.main = new LuaJit();
			this.main.openLibraries();
			this.natives = (LuaJitNatives) this.main.getLuaNatives();
			long pointer = this.main.getPointer();
			long used = this.natives.lua_gc(pointer, 3, 0) * 1024L + this.natives.lua_gc(pointer, 4, 0);
			this.limit = NativeMemoryLimit.install(pointer, used, used + headroom);
		}

		/**
		 * Runs a chunk as a new coroutine, disarmed, leaving what it returned (or its
		 * error) on the coroutine's stack.
		 */
		int resume(String chunk) {
			return resume(chunk, false);
		}

		/**
		 * Runs a chunk as a new coroutine with the limit armed for the resume only: a
		 * refusal in the unprotected calls that set it up would abort the JVM.
		 */
		int resumeArmed(String chunk) {
			return resume(chunk, true);
		}

		private int resume(String chunk, boolean armed) {
			if (this.thread != null) {
				this.thread.close();
			}
			this.thread = this.main.newThread();
			this.main.pop(1);
			this.thread.load(chunk);
			if (armed) {
				this.limit.arm();
			}
			try {
				return this.natives.luaJ_resume(this.thread.getPointer(), 0);
			}
			finally {
				this.limit.disarm();
			}
		}

		/**
		 * Lets go of the last coroutine, whose stack may hold what it allocated, and
		 * collects everything unreachable, disarmed.
		 */
		void collect() {
			if (this.thread != null) {
				this.thread.close();
				this.thread = null;
			}
			this.main.run("collectgarbage('collect')");
		}

		@Override
		public void close() {
			this.limit.close();
			this.main.close();
		}

	}

	/**
	 * What runs in a child JVM: prints what it saw and exits 0 only if every step did
	 * what the test expects; a crash shows up as any other exit.
	 */
	static final class Probe {

		public static void main(String[] args) {
			String mode = args[0];
			if (mode.equals("disabled")) {
				System.out.println("available: " + NativeMemoryLimit.isAvailable());
				System.exit(NativeMemoryLimit.isAvailable() ? 1 : 0);
			}
			boolean ok = mode.equals("bomb") ? bomb() : jit();
			System.out.flush();
			System.exit(ok ? 0 : 1);
		}

		private static boolean bomb() {
			boolean ok = true;
			for (int i = 0; i < 3; i++) {
				try (Guarded state = new Guarded(16 * MB)) {
					int status = state.resumeArmed(BOMB);
					System.out.println("bomb: status " + status + ", exceeded " + state.limit.exceeded());
					ok &= status == LUA_ERRMEM && state.limit.exceeded() && state.limit.used() <= state.limit.limit();
					state.main.load(BOMB);
					state.limit.arm();
					status = state.natives.lua_pcall(state.main.getPointer(), 0, 1, 0);
					state.limit.disarm();
					System.out.println("bomb: main thread status " + status);
					ok &= status == LUA_ERRMEM;
				}
			}
			return ok;
		}

		private static boolean jit() {
			try (Guarded state = new Guarded(8 * MB)) {
				state.main.run("jit.on() jit.opt.start('hotloop=2')");
				String loop = "local t = {} for i = 1, 1e7 do t[#t + 1] = string.rep('y', 100) .. i end return #t";
				int status = state.resumeArmed(loop);
				System.out.println("jit: status " + status + ", exceeded " + state.limit.exceeded());
				boolean ok = status == LUA_ERRMEM && state.limit.exceeded();
				state.collect();
				state.limit.clearExceeded();
				// LuaJIT collects no garbage when an allocation fails,
				// so each attempt's leftovers are collected before the
				// next or the next would fail outside pcall.
				int swallowed = state
					.resumeArmed("local function fill() local t = {} " + "for i = 1, 1e6 do t[i] = 'z' .. i end end "
							+ "local n = 0 for j = 1, 20 do pcall(fill) collectgarbage() n = n + 1 end return n");
				System.out
					.println("jit: swallowed status " + swallowed + " (" + state.thread.toString(-1) + "), exceeded "
							+ state.limit.exceeded() + ", used " + state.limit.used() + " of " + state.limit.limit());
				ok &= swallowed == LUA_OK && state.thread.toString(-1).equals("20") && state.limit.exceeded();
				state.collect();
				state.limit.clearExceeded();
				int after = state.resumeArmed("local s = 0 for i = 1, 1e5 do s = s + #tostring(i) end return s");
				System.out.println("jit: after status " + after + ", exceeded " + state.limit.exceeded());
				if (after == LUA_OK && !state.limit.exceeded()) {
					System.out.println("jit: state still works");
				}
				return ok && after == LUA_OK && !state.limit.exceeded();
			}
		}

	}

}
