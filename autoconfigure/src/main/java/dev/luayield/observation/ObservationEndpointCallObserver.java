package dev.luayield.observation;

import dev.luayield.endpoint.EndpointCallObserver;
import dev.luayield.endpoint.EndpointMethod;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes each endpoint call ({@code lua.endpoint.call}), with a scope open while the
 * method runs so that what the method does (queries, HTTP calls) nests under it.
 */
public class ObservationEndpointCallObserver implements EndpointCallObserver {

	private static final DefaultLuaEndpointCallObservationConvention DEFAULT_CONVENTION = new DefaultLuaEndpointCallObservationConvention();

	private final ObservationRegistry registry;

	private final LuaEndpointCallObservationConvention convention;

	/**
	 * Creates an observer.
	 * @param registry the registry
	 * @param convention the convention to use instead of the default, or {@code null}
	 */
	public ObservationEndpointCallObserver(ObservationRegistry registry,
			LuaEndpointCallObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Object start(String script, EndpointMethod method) {
		LuaEndpointCallObservationContext context = new LuaEndpointCallObservationContext(script, method);
		Observation observation = Observation
			.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		return new Handle(observation, context, observation.openScope());
	}

	@Override
	public void stop(Object handle, String failure, Throwable exception) {
		Handle call = (Handle) handle;
		call.scope().close();
		if (failure != null) {
			call.context().setOutcome("error");
			call.observation().error((exception != null) ? exception : new EndpointCallRejectedException(failure));
		}
		call.observation().stop();
	}

	private record Handle(Observation observation, LuaEndpointCallObservationContext context, Observation.Scope scope) {
	}

	/**
	 * Stands for a call the resume loop rejected (a bad argument) in the observation,
	 * which records errors as exceptions.
	 */
	static final class EndpointCallRejectedException extends RuntimeException {

		EndpointCallRejectedException(String message) {
			super(message, null, false, false);
		}

	}

}
