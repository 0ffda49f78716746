package dev.luayield.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.luayield.actuate.LuaActuatorEndpoint;
import dev.luayield.autoconfigure.LuaProperties;
import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import dev.luayield.endpoint.LuaEndpointRegistry;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.scripts.ScriptRepository;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code lua} actuator endpoint.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = LuaYieldAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(LuaThreadPool.class)
@ConditionalOnAvailableEndpoint(LuaActuatorEndpoint.class)
public final class LuaActuatorEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LuaActuatorEndpoint luaActuatorEndpoint(LuaEndpointRegistry registry, LuaThreadPool pool, ScriptRepository scripts,
			LuaProperties properties) {
		LuaProperties.Limits limits = properties.getLimits();
		Map<String, Object> inForce = new LinkedHashMap<>();
		inForce.put("timeout", String.valueOf(limits.getTimeout()));
		inForce.put("memory", String.valueOf(limits.getMemory()));
		inForce.put("calls", limits.getCalls());
		inForce.put("nesting", limits.getNesting());
		inForce.put("checkInterval", limits.getCheckInterval());
		inForce.put("jit", limits.isJit());
		return new LuaActuatorEndpoint(registry, pool, scripts, inForce, properties.getPermissions());
	}

}
