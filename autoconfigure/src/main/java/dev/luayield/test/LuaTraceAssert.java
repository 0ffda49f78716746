package dev.luayield.test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.luayield.LuaTrace;
import dev.luayield.protocol.TraceValues;
import dev.luayield.replay.LuaReplay;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on a {@link LuaTrace}: which endpoint methods a script called, in
 * which order, with which arguments, what it returned, and whether the script still does
 * the same when {@link LuaReplay replayed} against the trace. Values compare as Lua sees
 * them, so {@code 5} matches the {@code 5L} a Lua integer becomes, and a trace read back
 * from JSON compares like the one recorded.
 *
 * <pre class="code">
 * LuaTrace trace = new LuaTrace();
 * runner.with(LuaOptions.defaults().withTrace(trace)).run("combat/on_hit", 1, 5);
 * assertThat(trace).hasCalls("world.damage", "world.get_hp").returned(Map.of("left", 25, ...));
 * assertThat(trace).call(1).hasArguments(1, 5);
 * assertThat(trace).isReplayedBy(new LuaReplay("classpath:/lua/"));
 * </pre>
 *
 * Calls are numbered from 1, as {@link LuaReplay}'s messages number them.
 *
 * @since 0.1.0
 */
public class LuaTraceAssert extends AbstractAssert<LuaTraceAssert, LuaTrace> {

	/**
	 * Creates an assertion on a trace; prefer {@link #assertThat(LuaTrace)}.
	 * @param actual the trace
	 */
	public LuaTraceAssert(LuaTrace actual) {
		super(actual, LuaTraceAssert.class);
	}

	/**
	 * Creates an assertion on a trace. It reads as AssertJ's own {@code assertThat} and
	 * can be statically imported beside it.
	 * @param actual the trace, filled by an invocation or built by hand
	 * @return the assertion
	 */
	public static LuaTraceAssert assertThat(LuaTrace actual) {
		return new LuaTraceAssert(actual);
	}

	/**
	 * Verifies that the script called exactly these endpoint methods, in this order; with
	 * none, that it called no endpoint at all.
	 * @param methods the methods as Lua names them ({@code "world.get_hp"})
	 * @return this assertion
	 */
	public LuaTraceAssert hasCalls(String... methods) {
		isNotNull();
		List<String> actual = methods();
		if (!actual.equals(Arrays.asList(methods))) {
			failWithMessage("%s", "Expected " + subject() + " to call " + Arrays.asList(methods) + " but it called "
					+ actual + outcome());
		}
		return this;
	}

	/**
	 * Verifies that the script called these endpoint methods in this order, possibly with
	 * other calls before, between and after them.
	 * @param methods the methods as Lua names them
	 * @return this assertion
	 */
	public LuaTraceAssert containsCallsInOrder(String... methods) {
		isNotNull();
		List<String> actual = methods();
		int next = 0;
		for (String method : actual) {
			if (next < methods.length && methods[next].equals(method)) {
				next++;
			}
		}
		if (next < methods.length) {
			failWithMessage("%s",
					"Expected " + subject() + " to call " + Arrays.asList(methods) + " in this order,"
							+ " but it called " + actual + ", which has no " + methods[next] + " after "
							+ Arrays.asList(methods).subList(0, next) + outcome());
		}
		return this;
	}

	/**
	 * Verifies that the script called none of these methods. A name ending in {@code .*}
	 * stands for every method of that endpoint ({@code "world.*"}).
	 * @param methods the methods as Lua names them, or {@code endpoint.*}
	 * @return this assertion
	 */
	public LuaTraceAssert doesNotCall(String... methods) {
		isNotNull();
		List<LuaTrace.Call> calls = this.actual.getCalls();
		for (int i = 0; i < calls.size(); i++) {
			String method = calls.get(i).method();
			for (String forbidden : methods) {
				if (matches(forbidden, method)) {
					failWithMessage("%s", "Expected " + subject() + " not to call " + forbidden + " but call " + (i + 1)
							+ " is " + method + calls.get(i).arguments() + "; its calls were " + methods());
				}
			}
		}
		return this;
	}

	private static boolean matches(String pattern, String method) {
		if (pattern.endsWith(".*")) {
			return method.startsWith(pattern.substring(0, pattern.length() - 1));
		}
		return pattern.equals(method);
	}

	/**
	 * Returns assertions on one call.
	 * @param number the call's number, from 1
	 * @return assertions on that call
	 */
	public CallAssert call(int number) {
		isNotNull();
		List<LuaTrace.Call> calls = this.actual.getCalls();
		if (number < 1 || number > calls.size()) {
			failWithMessage("%s", "Expected " + subject() + " to have a call " + number + " but it has " + calls.size()
					+ " (numbered from 1): " + methods() + outcome());
		}
		return new CallAssert(calls.get(number - 1), number);
	}

	/**
	 * Verifies that the script finished, with this first result.
	 * @param expected the result as Lua returned it (a table as a {@code Map} or
	 * {@code List})
	 * @return this assertion
	 */
	public LuaTraceAssert returned(@Nullable Object expected) {
		isNotNull();
		if (this.actual.getError() != null) {
			failWithMessage("%s", "Expected " + subject() + " to return " + expected + " but it failed with '"
					+ this.actual.getError() + "'");
		}
		if (!TraceValues.sameValue(expected, this.actual.getResult())) {
			failWithMessage("%s",
					"Expected " + subject() + " to return " + expected + " but it returned " + this.actual.getResult());
		}
		return this;
	}

	/**
	 * Verifies that the script ended with an error whose message contains the given text.
	 * @param messagePart text the error message contains
	 * @return this assertion
	 */
	public LuaTraceAssert failedWith(String messagePart) {
		isNotNull();
		String error = this.actual.getError();
		if (error == null || !error.contains(messagePart)) {
			failWithMessage("%s", "Expected " + subject() + " to fail with a message containing '" + messagePart
					+ "' but it " + ((error != null) ? "failed with '" + error + "'" : "finished"));
		}
		return this;
	}

	/**
	 * Verifies that the trace's named script, replayed against the trace, makes the same
	 * calls with the same arguments and ends the same way: the regression check for a
	 * script that is about to change, run with no endpoint and no database.
	 * @param replay the replayer, reading scripts from the location the trace's script
	 * came from
	 * @return this assertion
	 * @throws IllegalArgumentException if the trace was recorded from {@code eval}, which
	 * has no script to read: use {@link #isReplayedBy(LuaReplay, String)}
	 */
	public LuaTraceAssert isReplayedBy(LuaReplay replay) {
		isNotNull();
		if ("eval".equals(this.actual.getScript())) {
			throw new IllegalArgumentException("The trace was recorded from eval, so there is no named script to"
					+ " replay: pass the source with isReplayedBy(replay, source)");
		}
		return replayed(this.actual.getScript(), () -> replay.replay(this.actual));
	}

	/**
	 * Verifies that the given source, replayed against the trace, makes the same calls
	 * with the same arguments and ends the same way: a changed version of a script
	 * checked against what the old one did.
	 * @param replay the replayer, reading the modules the source requires
	 * @param source the Lua source
	 * @return this assertion
	 */
	public LuaTraceAssert isReplayedBy(LuaReplay replay, String source) {
		isNotNull();
		return replayed("the source", () -> replay.replaySource(source, this.actual));
	}

	private LuaTraceAssert replayed(String what, Runnable replay) {
		try {
			replay.run();
		}
		catch (AssertionError ex) {
			String description = descriptionText();
			String prefix = (description == null || description.isEmpty()) ? "" : "[" + description + "] ";
			throw new AssertionError(prefix + "Expected " + what + " to replay the trace of " + this.actual.getScript()
					+ " " + methods() + ", but " + ex.getMessage(), ex);
		}
		return this;
	}

	private String subject() {
		return (this.actual.getScript() != null) ? this.actual.getScript() : "the trace";
	}

	private List<String> methods() {
		return this.actual.getCalls().stream().map(LuaTrace.Call::method).toList();
	}

	private String outcome() {
		return (this.actual.getError() != null) ? " (the script failed with '" + this.actual.getError() + "')" : "";
	}

	/**
	 * AssertJ assertions on one endpoint call of a {@link LuaTrace}.
	 */
	public static class CallAssert extends AbstractAssert<CallAssert, LuaTrace.Call> {

		private final int number;

		CallAssert(LuaTrace.Call actual, int number) {
			super(actual, CallAssert.class);
			this.number = number;
		}

		/**
		 * Verifies the method called.
		 * @param method the method as Lua names it ({@code "world.get_hp"})
		 * @return this assertion
		 */
		public CallAssert hasMethod(String method) {
			if (!method.equals(this.actual.method())) {
				failWithMessage("%s", "Expected call " + this.number + " to be " + method + " but it is "
						+ this.actual.method() + this.actual.arguments());
			}
			return this;
		}

		/**
		 * Verifies the arguments, as the script passed them.
		 * @param arguments the arguments (numbers compare by value)
		 * @return this assertion
		 */
		public CallAssert hasArguments(@Nullable Object... arguments) {
			if (!TraceValues.sameValues(Arrays.asList(arguments), this.actual.arguments())) {
				failWithMessage("%s", "Expected call " + this.number + " (" + this.actual.method() + ") to pass "
						+ Arrays.asList(arguments) + " but it passed " + this.actual.arguments());
			}
			return this;
		}

		/**
		 * Verifies that the endpoint answered, with this reply as the script got it.
		 * @param reply the reply ({@code null} for a method that returns nothing)
		 * @return this assertion
		 */
		public CallAssert returned(@Nullable Object reply) {
			if (this.actual.error() != null) {
				failWithMessage("%s", "Expected call " + this.number + " (" + this.actual.method() + ") to return "
						+ reply + " but it failed with '" + this.actual.error() + "'");
			}
			if (!TraceValues.sameValue(reply, this.actual.reply())) {
				failWithMessage("%s", "Expected call " + this.number + " (" + this.actual.method() + ") to return "
						+ reply + " but it returned " + this.actual.reply());
			}
			return this;
		}

		/**
		 * Verifies that the call failed, with an error message containing the given text,
		 * as the script got it.
		 * @param messagePart text the error message contains
		 * @return this assertion
		 */
		public CallAssert failedWith(String messagePart) {
			String error = this.actual.error();
			if (error == null || !error.contains(messagePart)) {
				failWithMessage("%s", "Expected call " + this.number + " (" + this.actual.method()
						+ ") to fail with a message containing '" + messagePart + "' but it "
						+ ((error != null) ? "failed with '" + error + "'" : "returned " + this.actual.reply()));
			}
			return this;
		}

	}

}
