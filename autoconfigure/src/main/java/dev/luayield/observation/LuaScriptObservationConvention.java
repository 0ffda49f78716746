package dev.luayield.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of an invocation. Declare a bean of this type to replace
 * {@link DefaultLuaScriptObservationConvention}.
 *
 * @since 0.1.0
 */
public interface LuaScriptObservationConvention extends ObservationConvention<LuaScriptObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof LuaScriptObservationContext;
	}

}
