package dev.luayield.observation;

import io.micrometer.common.KeyValues;

/**
 * Observes invocations as {@code lua.script}, tagged with {@code script} and
 * {@code outcome}: both low-cardinality, as script names are chosen by developers (source
 * text run with {@code eval} is tagged {@code eval}).
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

}
