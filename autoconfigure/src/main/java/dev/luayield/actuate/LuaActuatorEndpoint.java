package dev.luayield.actuate;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.luayield.endpoint.DispatchTable;
import dev.luayield.endpoint.EndpointBean;
import dev.luayield.endpoint.EndpointMethod;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.scripts.ScriptRepository;
import dev.luayield.tooling.LuaLsDefinitions;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/lua}: every endpoint with its bean and its methods as Lua sees them
 * (as {@code /actuator/beans} groups beans), the known scripts, the pool's state, the
 * limits in force and the grants configured for scripts ({@code lua.permissions.*});
 * {@code /actuator/lua/definitions} serves the LuaLS definition file for script authors'
 * editors. Read-only.
 *
 * @since 0.1.0
 */
@Endpoint(id = "lua")
public class LuaActuatorEndpoint {

	private final Supplier<DispatchTable> dispatchTable;

	private final LuaThreadPool pool;

	private final ScriptRepository scripts;

	private final Map<String, Object> limits;

	private final Map<String, List<String>> permissions;

	/**
	 * Creates the endpoint.
	 * @param dispatchTable the endpoints
	 * @param pool the pool of Lua states
	 * @param scripts where scripts come from
	 * @param limits the limits in force, by property name
	 */
	public LuaActuatorEndpoint(Supplier<DispatchTable> dispatchTable, LuaThreadPool pool, ScriptRepository scripts,
			Map<String, Object> limits) {
		this(dispatchTable, pool, scripts, limits, Map.of());
	}

	/**
	 * Creates the endpoint.
	 * @param dispatchTable the endpoints
	 * @param pool the pool of Lua states
	 * @param scripts where scripts come from
	 * @param limits the limits in force, by property name
	 * @param permissions the endpoints and methods granted to scripts, by script prefix
	 */
	public LuaActuatorEndpoint(Supplier<DispatchTable> dispatchTable, LuaThreadPool pool, ScriptRepository scripts,
			Map<String, Object> limits, Map<String, List<String>> permissions) {
		this.dispatchTable = dispatchTable;
		this.pool = pool;
		this.scripts = scripts;
		this.limits = limits;
		this.permissions = permissions;
	}

	@ReadOperation
	public LuaDescriptor lua() {
		DispatchTable table = this.dispatchTable.get();
		Map<String, List<MethodDescriptor>> methodsByEndpoint = new LinkedHashMap<>();
		for (EndpointMethod method : table.methods()) {
			Method javaMethod = method.getMethod();
			methodsByEndpoint.computeIfAbsent(method.getEndpoint(), (name) -> new ArrayList<>())
				.add(new MethodDescriptor(method.getLuaName(),
						javaMethod.getDeclaringClass().getName() + "." + javaMethod.getName(),
						Arrays.stream(javaMethod.getGenericParameterTypes()).map(Type::getTypeName).toList(),
						javaMethod.getGenericReturnType().getTypeName(), method.getDoc()));
		}
		Map<String, EndpointDescriptor> endpoints = new LinkedHashMap<>();
		for (EndpointBean endpoint : table.endpoints()) {
			endpoints.put(endpoint.name(), new EndpointDescriptor(endpoint.beanName(), endpoint.userClass().getName(),
					methodsByEndpoint.getOrDefault(endpoint.name(), List.of())));
		}
		PoolDescriptor pool = new PoolDescriptor(this.pool.getMaxTotal(), this.pool.getNumActive(),
				this.pool.getNumIdle(), this.pool.getNumWaiters(), this.pool.getCreatedCount(),
				this.pool.getDestroyedCount(), this.pool.getLeaseCount());
		return new LuaDescriptor(endpoints, this.scripts.names(), pool, this.limits, this.permissions);
	}

	@ReadOperation(produces = "text/plain")
	public String definitions(@Selector String part) {
		if (!"definitions".equals(part)) {
			return null;
		}
		return new LuaLsDefinitions(this.dispatchTable.get()).generate();
	}

	/**
	 * What {@code /actuator/lua} answers.
	 *
	 * @param endpoints every endpoint, by Lua global name
	 * @param scripts the scripts the script sources list
	 * @param pool the pool's counters
	 * @param limits the limits in force
	 * @param permissions the endpoints and methods granted to scripts, by script prefix
	 * ({@code lua.permissions.*}); scripts no prefix matches may call every endpoint
	 */
	public record LuaDescriptor(Map<String, EndpointDescriptor> endpoints, List<String> scripts, PoolDescriptor pool,
			Map<String, Object> limits, Map<String, List<String>> permissions) implements OperationResponseBody {
	}

	/**
	 * An endpoint: a bean and the methods Lua may call on it.
	 *
	 * @param bean the bean's name
	 * @param type the bean's user class (behind any proxy)
	 * @param methods its methods
	 */
	public record EndpointDescriptor(String bean, String type, List<MethodDescriptor> methods) {
	}

	/**
	 * An endpoint method.
	 *
	 * @param lua its Lua name, without the endpoint's
	 * @param java the Java method
	 * @param parameters the Java parameter types
	 * @param returns the Java return type
	 * @param doc its description
	 */
	public record MethodDescriptor(String lua, String java, List<String> parameters, String returns, String doc) {
	}

	/**
	 * The pool's counters.
	 *
	 * @param maxTotal the most states
	 * @param active states running an invocation
	 * @param idle states waiting
	 * @param waiters invocations waiting for a state
	 * @param created states ever created
	 * @param destroyed states ever destroyed
	 * @param borrowed invocations served
	 */
	public record PoolDescriptor(int maxTotal, int active, int idle, int waiters, long created, long destroyed,
			long borrowed) {
	}

}
