package dev.luayield;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The record of one invocation: every endpoint call the script made, with its arguments
 * and the reply it got, as Lua saw them. Pass one to
 * {@link LuaOptions#withTrace(LuaTrace)} to fill it; replay it with
 * {@link dev.luayield.replay.LuaReplay} to check, with no Spring context and no database,
 * that a script still makes the same calls.
 * <p>
 * Values are kept as the natural Java form of the Lua values ({@code Long},
 * {@code Double}, {@code String}, {@code Boolean}, {@code List}, {@code Map},
 * {@code null}), so a trace can be written out as JSON and read back.
 * <p>
 * A trace is a recorder: an invocation given one fills it through {@link #begin},
 * {@link #record} and {@link #end}, and a test may fill one the same way to write by hand
 * a scenario nobody recorded. It is not thread-safe, and records one invocation.
 *
 * @since 0.1.0
 */
public final class LuaTrace {

	private final List<Call> calls = new ArrayList<>();

	private @Nullable String script;

	private List<Object> arguments = List.of();

	private @Nullable Object result;

	private @Nullable String error;

	private @Nullable List<String> grant;

	/**
	 * Creates an empty trace, to be filled by an invocation.
	 */
	public LuaTrace() {
	}

	/**
	 * Creates a trace from recorded parts, for example read back from a file.
	 * @param script the script name, or {@code eval}
	 * @param arguments the script's arguments
	 * @param calls the endpoint calls
	 * @param result the script's result
	 * @param error the script's error message, or {@code null}
	 */
	public LuaTrace(String script, List<Object> arguments, List<Call> calls, Object result, @Nullable String error) {
		this(script, arguments, calls, result, error, null);
	}

	/**
	 * Creates a trace from recorded parts, for example read back from a file.
	 * @param script the script name, or {@code eval}
	 * @param arguments the script's arguments
	 * @param calls the endpoint calls
	 * @param result the script's result
	 * @param error the script's error message, or {@code null}
	 * @param grant what the invocation was granted (see {@link #getGrant()}), or
	 * {@code null} for every endpoint
	 */
	public LuaTrace(String script, List<Object> arguments, List<Call> calls, Object result, @Nullable String error,
			@Nullable List<String> grant) {
		this.script = script;
		this.arguments = List.copyOf(nullsAllowed(arguments));
		this.calls.addAll(calls);
		this.result = result;
		this.error = error;
		this.grant = (grant != null) ? List.copyOf(grant) : null;
	}

	private static List<Object> nullsAllowed(List<Object> values) {
		return Collections.unmodifiableList(new ArrayList<>(values));
	}

	/**
	 * Returns the script that ran.
	 * @return the script name, or {@code eval}
	 */
	public @Nullable String getScript() {
		return this.script;
	}

	/**
	 * Returns the script's arguments.
	 * @return the arguments
	 */
	public List<Object> getArguments() {
		return this.arguments;
	}

	/**
	 * Returns the endpoint calls, in order.
	 * @return the calls
	 */
	public List<Call> getCalls() {
		return Collections.unmodifiableList(this.calls);
	}

	/**
	 * Returns the script's first result.
	 * @return the result, or {@code null}
	 */
	public @Nullable Object getResult() {
		return this.result;
	}

	/**
	 * Returns the message of the error that ended the script.
	 * @return the message, or {@code null} if it finished
	 */
	public @Nullable String getError() {
		return this.error;
	}

	/**
	 * Returns what the invocation was granted: endpoints granted whole by their Lua
	 * global ({@code world}), single methods by their qualified name
	 * ({@code clinic.find_owners}).
	 * @return the grant, or {@code null} if the invocation could call every endpoint
	 */
	public @Nullable List<String> getGrant() {
		return this.grant;
	}

	/**
	 * Starts recording an invocation.
	 * @param script the script name
	 * @param arguments its arguments
	 */
	public void begin(String script, List<Object> arguments) {
		begin(script, arguments, null);
	}

	/**
	 * Starts recording an invocation with a grant.
	 * @param script the script name
	 * @param arguments its arguments
	 * @param grant what the invocation may call, or {@code null} for every endpoint
	 */
	public void begin(String script, List<Object> arguments, @Nullable List<String> grant) {
		this.script = script;
		this.arguments = nullsAllowed(arguments);
		this.calls.clear();
		this.result = null;
		this.error = null;
		this.grant = grant;
	}

	/**
	 * Records one endpoint call.
	 * @param call the call
	 */
	public void record(Call call) {
		this.calls.add(call);
	}

	/**
	 * Records how the invocation ended.
	 * @param result the first result
	 * @param error the error message, or {@code null}
	 */
	public void end(@Nullable Object result, @Nullable String error) {
		this.result = result;
		this.error = error;
	}

	/**
	 * One endpoint call and its reply.
	 *
	 * @param method the method as Lua names it ({@code world.get_hp})
	 * @param arguments the arguments as Lua passed them
	 * @param reply what the script got back ({@code null} for nothing), when no error
	 * @param error the error message the script got, or {@code null}
	 * @param nanos how long the call took
	 */
	public record Call(String method, List<Object> arguments, @Nullable Object reply, @Nullable String error,
			long nanos) {
	}

}
