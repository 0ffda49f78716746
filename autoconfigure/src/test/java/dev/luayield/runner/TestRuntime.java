package dev.luayield.runner;

import java.time.Duration;
import java.util.List;

import dev.luayield.LuaScriptRunner;
import dev.luayield.conversion.ValueReaders;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.endpoint.EndpointBean;
import dev.luayield.engine.LuaVm;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.sandbox.LuaVmSettings;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;

/**
 * A runtime built with {@link LuaYield#builder()}, without Spring: what the protocol
 * tests run against. It keeps the dispatch table for the tests that look into it.
 */
public final class TestRuntime implements AutoCloseable {

	public final DispatchTable table;

	public final LuaThreadPool pool;

	public final LuaScriptRunner runner;

	public TestRuntime(int poolSize, EndpointBean... endpoints) {
		this(poolSize, LuaVmSettings.defaults(), 1_000_000, endpoints);
	}

	public TestRuntime(int poolSize, LuaVmSettings settings, long maxCalls, EndpointBean... endpoints) {
		this(poolSize, settings, maxCalls, Duration.ofSeconds(5), endpoints);
	}

	public TestRuntime(int poolSize, LuaVmSettings settings, long maxCalls, Duration timeout,
			EndpointBean... endpoints) {
		this(new ApplicationConversionService(), "classpath:/lua/", poolSize, settings, maxCalls, timeout, endpoints);
	}

	public TestRuntime(ConversionService conversionService, EndpointBean... endpoints) {
		this(conversionService, "classpath:/lua/", 2, LuaVmSettings.defaults(), 1_000_000, Duration.ofSeconds(5),
				endpoints);
	}

	public TestRuntime(String location, int poolSize, EndpointBean... endpoints) {
		this(location, poolSize, LuaVmSettings.defaults(), 1_000_000, Duration.ofSeconds(5), endpoints);
	}

	public TestRuntime(String location, int poolSize, LuaVmSettings settings, long maxCalls, Duration timeout,
			EndpointBean... endpoints) {
		this(new ApplicationConversionService(), location, poolSize, settings, maxCalls, timeout, endpoints);
	}

	private TestRuntime(ConversionService conversionService, String location, int poolSize, LuaVmSettings settings,
			long maxCalls, Duration timeout, EndpointBean... endpoints) {
		// Built here rather than by the builder, so that tests can look into it.
		this.table = DispatchTable.build(List.of(endpoints), new ValueReaders(conversionService));
		GenericObjectPoolConfig<LuaVm> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(poolSize);
		config.setMaxIdle(poolSize);
		config.setMaxWait(Duration.ofMillis(500));
		config.setJmxEnabled(false);
		LuaYield lua = LuaYield.builder()
			.endpoints(() -> this.table)
			.conversionService(conversionService)
			.scripts(location)
			.poolConfig(config)
			.sandbox(settings)
			.maxCalls(maxCalls)
			.timeout(timeout)
			.build();
		this.pool = lua.pool();
		this.runner = lua.runner();
	}

	public static EndpointBean endpoint(String name, Object bean) {
		return new EndpointBean(name, bean, bean.getClass());
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
