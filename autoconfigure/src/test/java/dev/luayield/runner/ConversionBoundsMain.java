package dev.luayield.runner;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaTrace;
import dev.luayield.sandbox.LuaVmSettings;

/**
 * Runs the conversions that used to kill the JVM (a metamethod run by Java outside any
 * protected call panics LuaJIT) or exhaust its heap, in a JVM of its own that the test
 * watches from outside: exits 0 when every case ended with the expected outcome, 1 when
 * one did not, and whatever the JVM dies with otherwise.
 */
public final class ConversionBoundsMain {

	/**
	 * A table of 27 entries whose border is 2^26: inserted from the largest key down, no
	 * rehash finds enough small keys to move them into the array part, and the length
	 * operator's doubling search then finds every power of two up to 2^26.
	 */
	static final String SPARSE = "local t = {} for i = 26, 0, -1 do t[2^i] = i end assert(#t == 2^26, #t) ";

	/**
	 * Lua scripts whose record argument has a metatable that must never run from Java.
	 */
	static final Map<String, String> METATABLES = new LinkedHashMap<>();

	/**
	 * A List argument whose __len must never run from Java: a sequence's length is raw.
	 */
	static final String LEN_ERRORS = "return probe.size(setmetatable({ 1, 2 }, { __len = function() error('boom') end }))";

	/** Lua scripts whose conversion is far larger than any budget. */
	static final Map<String, String> OVERSIZED = new LinkedHashMap<>();

	static {
		METATABLES.put("__index errors", "error('boom')");
		METATABLES.put("__index loops", "while true do end");
		METATABLES.put("__index yields", "coroutine.yield()");
		METATABLES.put("__index calls an endpoint", "return probe.size({ 1, 2 })");
		OVERSIZED.put("result of 64 references to a 16 MB string",
				"local s = string.rep('x', 16 * 2^20) local t = {} for i = 1, 64 do t[i] = s end return t");
		OVERSIZED.put("result of a depth-40 DAG", "local c = {} for i = 1, 40 do c = { c, c } end return c");
		OVERSIZED.put("argument of a depth-40 DAG",
				"local c = {} for i = 1, 40 do c = { c, c } end return probe.take(c)");
		OVERSIZED.put("sparse sequence with #t == 2^26", SPARSE + "return probe.size(t)");
		OVERSIZED.put("endpoint result with 2^30 paths", "return probe.graph(30)");
	}

	static String metatableScript(String body) {
		return "local t = setmetatable({ w = 1 }, { __index = function(t, k) " + body + " end })"
				+ " return probe.box(t)";
	}

	private ConversionBoundsMain() {
	}

	public static void main(String[] args) {
		boolean ok = true;
		try (TestRuntime runtime = new TestRuntime(1, LuaVmSettings.defaults(), 1000, Duration.ofSeconds(5),
				TestRuntime.endpoint("probe", new ConversionProbe()))) {
			for (Map.Entry<String, String> entry : METATABLES.entrySet()) {
				ok &= expect(entry.getKey(), () -> runtime.runner.eval(metatableScript(entry.getValue())), null);
			}
			ok &= expect("__len errors on a List argument", () -> runtime.runner.eval(LEN_ERRORS), null);
			for (Map.Entry<String, String> entry : OVERSIZED.entrySet()) {
				ok &= expect(entry.getKey(), () -> runtime.runner.eval(entry.getValue()), "budget");
				ok &= expect(entry.getKey() + " (traced)",
						() -> runtime.runner.with(LuaOptions.defaults().withTrace(new LuaTrace()))
							.eval(entry.getValue()),
						"budget");
			}
		}
		System.exit(ok ? 0 : 1);
	}

	/**
	 * Runs one case: it must return (when {@code failure} is null) or fail with a
	 * {@link LuaScriptException} whose message contains {@code failure}, within 5 s.
	 */
	private static boolean expect(String name, java.util.concurrent.Callable<Object> script, String failure) {
		long start = System.nanoTime();
		String outcome;
		boolean ok;
		try {
			Object result = script.call();
			outcome = "returned " + result;
			ok = failure == null;
		}
		catch (LuaScriptException ex) {
			outcome = "failed: " + ex.getMessage();
			ok = failure == null || ex.getMessage().contains(failure);
		}
		catch (Throwable ex) {
			outcome = "threw " + ex;
			ok = false;
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		ok &= millis < 5000;
		System.out.println((ok ? "ok   " : "FAIL ") + name + " (" + millis + " ms): " + outcome);
		return ok;
	}

}
