package dev.luayield.observation;

import dev.luayield.InvocationInterceptor;
import dev.luayield.LuaOptions;
import dev.luayield.LuaPoolExhaustedException;
import dev.luayield.LuaTimeoutException;
import dev.luayield.ScriptInvocation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes each invocation as a whole ({@code lua.script}). Ordered outermost, so the
 * observation covers the transaction, and endpoint-call observations are its children.
 *
 * @since 0.1.0
 */
public class ObservationInvocationInterceptor implements InvocationInterceptor {

	private static final DefaultLuaScriptObservationConvention DEFAULT_CONVENTION = new DefaultLuaScriptObservationConvention();

	private final ObservationRegistry registry;

	private final LuaScriptObservationConvention convention;

	/**
	 * Creates an interceptor.
	 * @param registry the registry
	 * @param convention the convention to use instead of the default, or {@code null}
	 */
	public ObservationInvocationInterceptor(ObservationRegistry registry,
			@Nullable LuaScriptObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Object intercept(String scriptName, LuaOptions options, ScriptInvocation invocation) {
		LuaScriptObservationContext context = new LuaScriptObservationContext(scriptName, invocation.getGrant());
		Observation observation = Observation.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context,
				this.registry);
		return observation.observe(() -> {
			try {
				return invocation.get();
			}
			catch (RuntimeException | Error ex) {
				context.setOutcome(outcomeOf(ex));
				throw ex;
			}
		});
	}

	private static String outcomeOf(Throwable ex) {
		if (ex instanceof LuaTimeoutException) {
			return "timeout";
		}
		if (ex instanceof LuaPoolExhaustedException) {
			return "rejected";
		}
		return "error";
	}

}
