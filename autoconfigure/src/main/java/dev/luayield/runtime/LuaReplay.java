package dev.luayield.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.luayield.LuaTrace;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Replays a script against a recorded {@link LuaTrace}, with no Spring context and no
 * database: every endpoint call the script makes is checked against the next recorded
 * call and answered with the recorded reply. A script that makes another call, other
 * arguments, more or fewer calls, or ends with another result fails with an
 * {@link AssertionError} that says where: deterministic regression tests for game logic.
 *
 * <pre>
 * LuaTrace trace = ...; // recorded with runner.with(LuaOptions.defaults().withTrace(trace))
 * Object result = new LuaReplay("classpath:/lua/").replay(trace);
 * </pre>
 */
public final class LuaReplay {

	private final ScriptRepository scripts;

	/**
	 * Creates a replayer reading scripts from a location.
	 * @param location the script location, as for {@code lua.scripts.location}
	 */
	public LuaReplay(String location) {
		this.scripts = new ScriptRepository(new DefaultResourceLoader(), location);
	}

	/**
	 * Replays the trace's script ({@code eval} traces need {@link #replaySource}).
	 * @param trace the recorded trace
	 * @return the script's result, equal to the recorded one
	 * @throws AssertionError if the script diverges from the trace
	 */
	public Object replay(LuaTrace trace) {
		return replay(this.scripts.source(trace.getScript()), "@" + trace.getScript() + ".lua", trace);
	}

	/**
	 * Replays source text against a trace.
	 * @param source the Lua source
	 * @param trace the recorded trace
	 * @return the script's result, equal to the recorded one
	 * @throws AssertionError if the script diverges from the trace
	 */
	public Object replaySource(String source, LuaTrace trace) {
		return replay(source, "=eval", trace);
	}

	private Object replay(String source, String chunkName, LuaTrace trace) {
		Map<String, Map<String, Integer>> ids = new LinkedHashMap<>();
		List<String> names = new ArrayList<>();
		names.add(null);
		for (LuaTrace.Call call : trace.getCalls()) {
			String[] parts = call.method().split("\\.", 2);
			Map<String, Integer> methods = ids.computeIfAbsent(parts[0], (endpoint) -> new LinkedHashMap<>());
			if (!methods.containsKey(parts[1])) {
				methods.put(parts[1], names.size());
				names.add(call.method());
			}
		}
		ValueWriter writer = new ValueWriter(new ApplicationConversionService());
		try (LuaVm vm = new LuaVm(ids, LuaVmSettings.defaults().withLimits(0, 0, true))) {
			int chunk = vm.evalAs(source, chunkName);
			LuaStack stack = vm.threadStack();
			stack.setTop(0);
			int fixed = vm.pushInvocation(chunk, 0);
			for (Object argument : trace.getArguments()) {
				writer.push(stack, argument);
			}
			int next = 0;
			int status = stack.natives.luaJ_resume(stack.pointer, trace.getArguments().size() + fixed);
			while (status == LuaVm.LUA_YIELD) {
				int top = stack.top();
				int id = (int) stack.toNumber(2);
				if (id <= 0) {
					// The sandbox's own requests: print (ignored) and require (served as live).
					String text = stack.toJavaString(3);
					stack.setTop(0);
					int results = 0;
					if (id < 0) {
						vm.pushModule(stack, text, this.scripts::moduleSource);
						results = 1;
					}
					status = stack.natives.luaJ_resume(stack.pointer, results);
					continue;
				}
				String method = names.get(id);
				List<Object> arguments = ResumeLoop.naturalValues(stack, 3, top);
				if (next >= trace.getCalls().size()) {
					throw new AssertionError("call " + (next + 1) + ": the script called " + method + arguments
							+ " but the trace has no more calls");
				}
				LuaTrace.Call expected = trace.getCalls().get(next++);
				if (!expected.method().equals(method) || !sameValues(expected.arguments(), arguments)) {
					throw new AssertionError("call " + next + ": the script called " + method + arguments
							+ " but the trace has " + expected.method() + expected.arguments());
				}
				stack.setTop(0);
				int results;
				if (expected.error() != null) {
					stack.pushLightUserdata(LuaVm.ERR);
					stack.pushString(expected.error());
					results = 2;
				}
				else {
					writer.push(stack, expected.reply());
					results = 1;
				}
				status = stack.natives.luaJ_resume(stack.pointer, results);
			}
			boolean done = status == LuaVm.LUA_OK && (int) stack.toNumber(1) == LuaVm.OUTCOME_DONE;
			if (!done) {
				String message = (status == LuaVm.LUA_OK) ? stack.toJavaString(2) : vm.describeTop();
				if (!Objects.equals(message, trace.getError())) {
					throw new AssertionError("the script failed with '" + message + "' but the trace "
							+ ((trace.getError() != null) ? "failed with '" + trace.getError() + "'" : "finished"));
				}
				return null;
			}
			if (next < trace.getCalls().size()) {
				throw new AssertionError("the script finished after " + next + " calls but the trace has "
						+ trace.getCalls().size() + "; the next is " + trace.getCalls().get(next).method());
			}
			Object result = (stack.top() > 1) ? ValueReaders.readNatural(stack, 2, "result") : null;
			if (trace.getError() != null) {
				throw new AssertionError("the script finished but the trace failed with '" + trace.getError() + "'");
			}
			if (!sameValue(trace.getResult(), result)) {
				throw new AssertionError("the script returned " + result + " but the trace returned " + trace.getResult());
			}
			return result;
		}
	}

	private static boolean sameValues(List<Object> expected, List<Object> actual) {
		if (expected.size() != actual.size()) {
			return false;
		}
		for (int i = 0; i < expected.size(); i++) {
			if (!sameValue(expected.get(i), actual.get(i))) {
				return false;
			}
		}
		return true;
	}

	/** Numbers compare by value: a trace read back from JSON may hold an Integer for a Long. */
	private static boolean sameValue(Object expected, Object actual) {
		if (expected instanceof Number a && actual instanceof Number b) {
			return a.doubleValue() == b.doubleValue();
		}
		if (expected instanceof List<?> a && actual instanceof List<?> b) {
			return sameValues(new ArrayList<>(a), new ArrayList<>(b));
		}
		if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
			if (a.size() != b.size()) {
				return false;
			}
			for (Map.Entry<?, ?> entry : a.entrySet()) {
				if (!b.containsKey(entry.getKey()) || !sameValue(entry.getValue(), b.get(entry.getKey()))) {
					return false;
				}
			}
			return true;
		}
		return Objects.equals(expected, actual);
	}

}
