package dev.luayield.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.luayield.LuaScriptException;
import dev.luayield.LuaTrace;
import dev.luayield.conversion.ValueReaders;
import dev.luayield.conversion.ValueWriter;
import dev.luayield.engine.LuaCompileException;
import dev.luayield.engine.LuaStack;
import dev.luayield.engine.LuaVm;
import dev.luayield.protocol.Invocation;
import dev.luayield.protocol.Outcome;
import dev.luayield.protocol.Request;
import dev.luayield.protocol.RequestHandler;
import dev.luayield.protocol.ResumeLoop;
import dev.luayield.protocol.TraceValues;
import dev.luayield.sandbox.LuaNames;
import dev.luayield.sandbox.LuaVmSettings;
import dev.luayield.scripts.ScriptRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Replays a script against a recorded {@link LuaTrace}, with no Spring context and no
 * database: every endpoint call the script makes is checked against the next recorded
 * call and answered with the recorded reply. A script that makes another call, other
 * arguments, more or fewer calls, or ends with another result fails with an
 * {@link AssertionError} that says where: deterministic regression tests for game logic.
 * <p>
 * A trace is data and may come from anyone: its method names are checked to be
 * {@code endpoint.method} with both parts Lua identifiers before anything runs, and the
 * script runs in the same sandbox, under the same memory and time limits, as a live run
 * ({@link LuaVmSettings#defaults()} and five seconds unless told otherwise). A replay
 * that exceeds its time limit fails with an {@link AssertionError} saying so, whatever
 * the trace recorded: how long a script runs is not something a replay can reproduce. One
 * that exceeds its memory limit fails like any other script error, by comparison with the
 * error the trace recorded.
 *
 * <pre>
 * LuaTrace trace = ...; // recorded with runner.with(LuaOptions.defaults().withTrace(trace))
 * Object result = new LuaReplay("classpath:/lua/").replay(trace);
 * </pre>
 *
 * @since 0.1.0
 */
public final class LuaReplay {

	/** How long a replay may run unless told otherwise, as a live run by default. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final ScriptRepository scripts;

	private final LuaVmSettings settings;

	private final long timeoutNanos;

	/**
	 * Creates a replayer reading scripts from a location, with the default sandbox and
	 * limits and a {@link #DEFAULT_TIMEOUT time limit} of five seconds.
	 * @param location the script location, as for {@code lua.scripts.location}
	 */
	public LuaReplay(String location) {
		this(location, LuaVmSettings.defaults(), DEFAULT_TIMEOUT);
	}

	/**
	 * Creates a replayer reading scripts from a location, with the given sandbox and
	 * limits.
	 * @param location the script location, as for {@code lua.scripts.location}
	 * @param settings how the state is set up, with its memory limit and limit checks
	 * @param timeout how long one replay may run, or {@code null} for no limit (the
	 * checks need {@link LuaVmSettings#limitCheckInterval()} above zero)
	 */
	public LuaReplay(String location, LuaVmSettings settings, @Nullable Duration timeout) {
		this.scripts = new ScriptRepository(new DefaultResourceLoader(), location);
		this.settings = Objects.requireNonNull(settings, "settings");
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new IllegalArgumentException("timeout must be positive, or null for none: " + timeout);
		}
		this.timeoutNanos = (timeout != null) ? timeout.toNanos() : 0;
	}

	/**
	 * Replays the trace's script ({@code eval} traces need {@link #replaySource}).
	 * @param trace the recorded trace
	 * @return the script's result, equal to the recorded one
	 * @throws AssertionError if the script diverges from the trace or exceeds its time
	 * limit
	 * @throws IllegalArgumentException if a method name in the trace is not
	 * {@code endpoint.method}
	 */
	public Object replay(LuaTrace trace) {
		return replay(this.scripts.source(trace.getScript()), "@" + trace.getScript() + ".lua", trace);
	}

	/**
	 * Replays source text against a trace.
	 * @param source the Lua source
	 * @param trace the recorded trace
	 * @return the script's result, equal to the recorded one
	 * @throws AssertionError if the script diverges from the trace or exceeds its time
	 * limit
	 * @throws IllegalArgumentException if a method name in the trace is not
	 * {@code endpoint.method}
	 */
	public Object replaySource(String source, LuaTrace trace) {
		return replay(source, "=eval", trace);
	}

	/**
	 * The endpoint names become Lua source in the prelude, so they must be names a live
	 * run could have recorded, checked here to fail with the trace's own terms.
	 */
	private static void checkMethods(LuaTrace trace) {
		List<LuaTrace.Call> calls = trace.getCalls();
		for (int i = 0; i < calls.size(); i++) {
			String method = calls.get(i).method();
			int dot = (method != null) ? method.indexOf('.') : -1;
			String endpoint = (dot >= 0) ? method.substring(0, dot) : null;
			if (dot < 0 || !LuaNames.isIdentifier(endpoint) || LuaNames.isReservedGlobal(endpoint)
					|| !LuaNames.isIdentifier(method.substring(dot + 1))) {
				throw new IllegalArgumentException("call " + (i + 1) + " of the trace has method '" + method
						+ "', which is not an endpoint method: use 'endpoint.method', both Lua identifiers");
			}
		}
	}

	private Object replay(String source, String chunkName, LuaTrace trace) {
		checkMethods(trace);
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
		try (LuaVm vm = new LuaVm(ids, this.settings)) {
			int chunk = vm.evalAs(source, chunkName);
			String scriptName = (trace.getScript() != null) ? trace.getScript() : "eval";
			Invocation invocation = new Invocation(scriptName, chunkName.substring(1), vm, chunk,
					trace.getArguments().toArray(), Long.MAX_VALUE, this.timeoutNanos, null);
			RecordedAnswers answers = new RecordedAnswers(trace, names, writer);
			Outcome outcome = new ResumeLoop(writer, this.scripts::moduleSource).run(invocation, answers);
			if (outcome instanceof Outcome.Timeout) {
				throw new AssertionError("the replay exceeded its time limit: " + outcome.message());
			}
			if (!(outcome instanceof Outcome.Completed)) {
				if (!Objects.equals(outcome.message(), trace.getError())) {
					throw new AssertionError("the script failed with '" + outcome.message() + "' but the trace "
							+ ((trace.getError() != null) ? "failed with '" + trace.getError() + "'" : "finished"));
				}
				return null;
			}
			answers.checkAllCalled();
			LuaStack stack = vm.threadStack();
			Object result = (stack.top() > 1) ? ValueReaders.readNatural(stack, 2, "result") : null;
			if (trace.getError() != null) {
				throw new AssertionError("the script finished but the trace failed with '" + trace.getError() + "'");
			}
			if (!TraceValues.sameValue(trace.getResult(), result)) {
				throw new AssertionError(
						"the script returned " + result + " but the trace returned " + trace.getResult());
			}
			return result;
		}
	}

	/**
	 * Answers each endpoint call with the next one the trace recorded, after checking
	 * that the script made that very call.
	 */
	private static final class RecordedAnswers implements RequestHandler {

		private final LuaTrace trace;

		private final List<String> names;

		private final ValueWriter writer;

		private int next;

		RecordedAnswers(LuaTrace trace, List<String> names, ValueWriter writer) {
			this.trace = trace;
			this.names = names;
			this.writer = writer;
		}

		@Override
		public int serve(Request request) {
			LuaStack stack = request.stack();
			String method = this.names.get(request.id());
			List<Object> arguments = TraceValues.copyAll(stack, 3, request.top());
			List<LuaTrace.Call> calls = this.trace.getCalls();
			if (this.next >= calls.size()) {
				throw new AssertionError("call " + (this.next + 1) + ": the script called " + method + arguments
						+ " but the trace has no more calls");
			}
			LuaTrace.Call expected = calls.get(this.next++);
			if (!expected.method().equals(method) || !TraceValues.sameValues(expected.arguments(), arguments)) {
				throw new AssertionError("call " + this.next + ": the script called " + method + arguments
						+ " but the trace has " + expected.method() + expected.arguments());
			}
			if (expected.error() != null) {
				return request.fail(expected.error(), null);
			}
			stack.setTop(0);
			this.writer.push(stack, expected.reply());
			return 1;
		}

		void checkAllCalled() {
			List<LuaTrace.Call> calls = this.trace.getCalls();
			if (this.next < calls.size()) {
				throw new AssertionError("the script finished after " + this.next + " calls but the trace has "
						+ calls.size() + "; the next is " + calls.get(this.next).method());
			}
		}

	}

}
