package dev.luayield.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.luayield.InvocationInterceptor;
import dev.luayield.LuaScriptRunner;
import dev.luayield.endpoint.EndpointBean;
import dev.luayield.engine.LuaVm;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.runner.LuaYield;
import dev.luayield.sandbox.LuaVmSettings;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * A LuaYield runtime built with {@link LuaYield#builder()}, as the auto-configuration
 * builds its runner, without starting Spring: what the benchmarks run scripts through.
 * Scripts come from {@code classpath:/lua/}; every state is made before the first
 * measurement.
 */
final class BenchRuntime implements AutoCloseable {

	final LuaThreadPool pool;

	final LuaScriptRunner runner;

	private BenchRuntime(int poolSize, InvocationInterceptor interceptor, List<EndpointBean> endpoints) {
		this(poolSize, interceptor, endpoints, LuaVmSettings.defaults(), Duration.ofSeconds(5), Map.of());
	}

	private BenchRuntime(int poolSize, InvocationInterceptor interceptor, List<EndpointBean> endpoints,
			LuaVmSettings settings, Duration timeout) {
		this(poolSize, interceptor, endpoints, settings, timeout, Map.of());
	}

	private BenchRuntime(int poolSize, InvocationInterceptor interceptor, List<EndpointBean> endpoints,
			LuaVmSettings settings, Duration timeout, Map<String, List<String>> permissions) {
		// No evictor: a measurement must not include its runs.
		GenericObjectPoolConfig<LuaVm> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(poolSize);
		config.setMaxIdle(poolSize);
		config.setMaxWait(Duration.ofSeconds(5));
		config.setJmxEnabled(false);
		LuaYield.Builder builder = LuaYield.builder()
			.poolConfig(config)
			.sandbox(settings)
			.timeout(timeout)
			.maxCalls(Long.MAX_VALUE)
			.interceptor(interceptor)
			.permissions(permissions);
		endpoints.forEach((endpoint) -> builder.endpoint(endpoint.name(), endpoint.bean()));
		LuaYield lua = builder.build();
		this.pool = lua.pool();
		this.runner = lua.runner();
		try {
			for (int i = 0; i < poolSize; i++) {
				this.pool.addObject();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static BenchRuntime of(int poolSize, InvocationInterceptor interceptor, EndpointBean... endpoints) {
		return new BenchRuntime(poolSize, interceptor, List.of(endpoints));
	}

	/**
	 * A runtime for trusted scripts: {@code lua.limits.timeout=0} and
	 * {@code lua.limits.memory=0}, so no limit checks are compiled into the scripts, and
	 * the JIT on.
	 */
	static BenchRuntime withoutLimits(EndpointBean... endpoints) {
		return with(LuaVmSettings.defaults().withLimits(0, 0, true), null, endpoints);
	}

	/**
	 * A runtime with the default limits and the JIT compiler on
	 * ({@code lua.limits.jit=true}).
	 */
	static BenchRuntime withJit(EndpointBean... endpoints) {
		LuaVmSettings defaults = LuaVmSettings.defaults();
		return with(defaults.withLimits(defaults.limitCheckInterval(), defaults.memoryLimit(), true),
				Duration.ofSeconds(5), endpoints);
	}

	private static BenchRuntime with(LuaVmSettings settings, Duration timeout, EndpointBean... endpoints) {
		return new BenchRuntime(1, InvocationInterceptor.NONE, List.of(endpoints), settings, timeout);
	}

	/**
	 * A runtime with the defaults whose named scripts have grants, as
	 * {@code lua.permissions.*} gives them.
	 */
	static BenchRuntime withPermissions(Map<String, List<String>> permissions, EndpointBean... endpoints) {
		return new BenchRuntime(1, InvocationInterceptor.NONE, List.of(endpoints), LuaVmSettings.defaults(),
				Duration.ofSeconds(5), permissions);
	}

	static BenchRuntime of(EndpointBean... endpoints) {
		return of(1, InvocationInterceptor.NONE, endpoints);
	}

	static EndpointBean endpoint(String name, Object bean) {
		return new EndpointBean(name, bean, bean.getClass());
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
