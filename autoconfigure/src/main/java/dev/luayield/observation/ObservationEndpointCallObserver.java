package dev.luayield.observation;

import dev.luayield.endpoint.EndpointCallObserver;
import dev.luayield.endpoint.EndpointMethod;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes each endpoint call ({@code lua.endpoint.call}), with a scope open while the
 * method runs so that what the method does (queries, HTTP calls) nests under it.
 *
 * @since 0.1.0
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
			@Nullable LuaEndpointCallObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Call start(String script, EndpointMethod method) {
		LuaEndpointCallObservationContext context = new LuaEndpointCallObservationContext(script, method);
		Observation observation = Observation
			.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		return new Handle(observation, context, observation.openScope());
	}

	private record Handle(Observation observation, LuaEndpointCallObservationContext context,
			Observation.Scope scope) implements Call {

		@Override
		public void stop(@Nullable String failure, @Nullable Throwable exception) {
			this.scope.close();
			if (failure != null) {
				this.context.setOutcome("error");
				this.observation.error((exception != null) ? exception : new EndpointCallRejectedException(failure));
			}
			this.observation.stop();
		}

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
