package dev.luayield.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of an endpoint call. Declare a bean of this type to
 * replace {@link DefaultLuaEndpointCallObservationConvention}.
 *
 * @since 0.1.0
 */
public interface LuaEndpointCallObservationConvention extends ObservationConvention<LuaEndpointCallObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof LuaEndpointCallObservationContext;
	}

}
