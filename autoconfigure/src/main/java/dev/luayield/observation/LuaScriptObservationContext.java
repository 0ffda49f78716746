package dev.luayield.observation;

import io.micrometer.observation.Observation;

/**
 * What an observation of one invocation knows: the script and how it ended.
 */
public class LuaScriptObservationContext extends Observation.Context {

	private final String script;

	private String outcome = "success";

	/**
	 * Creates a context for an invocation.
	 * @param script the script name, or {@code eval}
	 */
	public LuaScriptObservationContext(String script) {
		this.script = script;
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
