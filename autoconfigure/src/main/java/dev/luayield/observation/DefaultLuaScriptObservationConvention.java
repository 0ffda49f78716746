package dev.luayield.observation;

import java.util.List;

import io.micrometer.common.KeyValues;

/**
 * Observes invocations as {@code lua.script}, tagged with {@code script} and
 * {@code outcome}: both low-cardinality, as script names are chosen by developers (source
 * text run with {@code eval} is tagged {@code eval}). The high-cardinality {@code grant}
 * lists what the invocation was granted, comma-separated
 * ({@code world,clinic.find_owners}), or is {@code *} when it may call every endpoint.
 *
 * @since 0.1.0
 */
public class DefaultLuaScriptObservationConvention implements LuaScriptObservationConvention {

	@Override
	public String getName() {
		return "lua.script";
	}

	@Override
	public String getContextualName(LuaScriptObservationContext context) {
		return "lua " + context.getScript();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(LuaScriptObservationContext context) {
		return KeyValues.of("script", context.getScript(), "outcome", context.getOutcome());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(LuaScriptObservationContext context) {
		List<String> grant = context.getGrant();
		return KeyValues.of("grant", (grant != null) ? String.join(",", grant) : "*");
	}

}
