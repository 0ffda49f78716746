package dev.luayield.observation;

import dev.luayield.endpoint.EndpointMethod;
import io.micrometer.observation.Observation;

/**
 * What an observation of one endpoint call knows: the method, the script that called it,
 * and how it ended.
 *
 * @since 0.1.0
 */
public class LuaEndpointCallObservationContext extends Observation.Context {

	private final String script;

	private final EndpointMethod method;

	private String outcome = "success";

	/**
	 * Creates a context for a call.
	 * @param script the calling script
	 * @param method the method called
	 */
	public LuaEndpointCallObservationContext(String script, EndpointMethod method) {
		this.script = script;
		this.method = method;
	}

	/**
	 * Returns the calling script.
	 * @return the script name, or {@code eval}
	 */
	public String getScript() {
		return this.script;
	}

	/**
	 * Returns the method called.
	 * @return the method
	 */
	public EndpointMethod getMethod() {
		return this.method;
	}

	/**
	 * Returns how the call ended: {@code success} or {@code error} (the script was sent
	 * an error: a rejected argument or an exception).
	 * @return the outcome
	 */
	public String getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the call ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
