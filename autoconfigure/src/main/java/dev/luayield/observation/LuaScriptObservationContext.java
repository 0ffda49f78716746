package dev.luayield.observation;

import java.util.List;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one invocation knows: the script, what it was granted, and how
 * it ended.
 *
 * @since 0.1.0
 */
public class LuaScriptObservationContext extends Observation.Context {

	private final String script;

	private final @Nullable List<String> grant;

	private String outcome = "success";

	/**
	 * Creates a context for an invocation that may call every endpoint.
	 * @param script the script name, or {@code eval}
	 */
	public LuaScriptObservationContext(String script) {
		this(script, null);
	}

	/**
	 * Creates a context for an invocation.
	 * @param script the script name, or {@code eval}
	 * @param grant what the invocation may call (see
	 * {@link dev.luayield.ScriptInvocation#getGrant()}), or {@code null} for every
	 * endpoint
	 */
	public LuaScriptObservationContext(String script, @Nullable List<String> grant) {
		this.script = script;
		this.grant = grant;
	}

	/**
	 * Returns what the invocation may call: endpoints granted whole by their Lua global,
	 * single methods by their qualified name.
	 * @return the grant, or {@code null} if it may call every endpoint
	 */
	public @Nullable List<String> getGrant() {
		return this.grant;
	}

	/**
	 * Returns the script name.
	 * @return the script name, or {@code eval}
	 */
	public String getScript() {
		return this.script;
	}

	/**
	 * Returns how the invocation ended: {@code success}, {@code error}, {@code timeout}
	 * or {@code rejected} (no Lua state was free).
	 * @return the outcome
	 */
	public String getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the invocation ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
