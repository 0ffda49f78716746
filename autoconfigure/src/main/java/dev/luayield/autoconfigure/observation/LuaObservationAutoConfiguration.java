package dev.luayield.autoconfigure.observation;

import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import dev.luayield.observation.LuaEndpointCallObservationConvention;
import dev.luayield.observation.LuaScriptObservationConvention;
import dev.luayield.observation.ObservationEndpointCallObserver;
import dev.luayield.observation.ObservationInvocationInterceptor;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that observes invocations ({@code lua.script}) and endpoint calls
 * ({@code lua.endpoint.call}) with Micrometer, so timers and traces come from the same
 * instrumentation.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = LuaYieldAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
public final class LuaObservationAutoConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@ConditionalOnMissingBean
	ObservationInvocationInterceptor luaObservationInvocationInterceptor(ObservationRegistry registry,
			ObjectProvider<LuaScriptObservationConvention> convention) {
		return new ObservationInvocationInterceptor(registry, convention.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	ObservationEndpointCallObserver luaObservationEndpointCallObserver(ObservationRegistry registry,
			ObjectProvider<LuaEndpointCallObservationConvention> convention) {
		return new ObservationEndpointCallObserver(registry, convention.getIfAvailable());
	}

}
