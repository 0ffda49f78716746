package dev.luayield.runner;

import java.time.Duration;
import java.util.List;

import dev.luayield.InvocationInterceptor;
import dev.luayield.conversion.ValueReaders;
import dev.luayield.conversion.ValueWriter;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.endpoint.EndpointBean;
import dev.luayield.engine.LuaVm;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.pool.LuaVmFactory;
import dev.luayield.sandbox.LuaVmSettings;
import dev.luayield.scripts.ScriptRepository;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * A runtime wired by hand, without Spring: what the protocol tests run against.
 */
public final class TestRuntime implements AutoCloseable {

	public final DispatchTable table;

	public final LuaThreadPool pool;

	public final DefaultLuaScriptRunner runner;

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
		ValueReaders readers = new ValueReaders(conversionService);
		this.table = DispatchTable.build(List.of(endpoints), readers);
		GenericObjectPoolConfig<LuaVm> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(poolSize);
		config.setMaxIdle(poolSize);
		config.setMaxWait(Duration.ofMillis(500));
		config.setJmxEnabled(false);
		this.pool = new LuaThreadPool(new LuaVmFactory(() -> this.table, settings), config);
		this.runner = new DefaultLuaScriptRunner(this.pool, new ScriptRepository(new DefaultResourceLoader(), location),
				() -> this.table, readers, new ValueWriter(conversionService),
				new DefaultLuaScriptRunner.RunnerSettings(maxCalls, timeout), InvocationInterceptor.NONE);
	}

	public static EndpointBean endpoint(String name, Object bean) {
		return new EndpointBean(name, bean, bean.getClass());
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
