package dev.luayield.observation;

import io.micrometer.common.KeyValues;

/**
 * Observes endpoint calls as {@code lua.endpoint.call}, tagged with {@code endpoint},
 * {@code method} (the Lua names) and {@code outcome}.
 *
 * @since 0.1.0
 */
public class DefaultLuaEndpointCallObservationConvention implements LuaEndpointCallObservationConvention {

	@Override
	public String getName() {
		return "lua.endpoint.call";
	}

	@Override
	public String getContextualName(LuaEndpointCallObservationContext context) {
		return context.getMethod().getQualifiedName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(LuaEndpointCallObservationContext context) {
		return KeyValues.of("endpoint", context.getMethod().getEndpoint(), "method", context.getMethod().getLuaName(),
				"outcome", context.getOutcome());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(LuaEndpointCallObservationContext context) {
		return KeyValues.of("script", context.getScript());
	}

}
