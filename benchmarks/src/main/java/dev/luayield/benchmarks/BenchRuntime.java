package dev.luayield.benchmarks;

import java.time.Duration;
import java.util.List;

import dev.luayield.LuaScriptRunner;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.pool.LuaVmFactory;
import dev.luayield.runtime.DefaultLuaScriptRunner;
import dev.luayield.runtime.DispatchTable;
import dev.luayield.runtime.EndpointBean;
import dev.luayield.runtime.InvocationInterceptor;
import dev.luayield.runtime.LuaVm;
import dev.luayield.runtime.LuaVmSettings;
import dev.luayield.runtime.ScriptRepository;
import dev.luayield.runtime.ValueReaders;
import dev.luayield.runtime.ValueWriter;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * A LuaYield runtime wired by hand as the auto-configuration wires it, without starting
 * Spring: what the benchmarks run scripts through. Scripts come from
 * {@code classpath:/lua/}.
 */
final class BenchRuntime implements AutoCloseable {

	final LuaThreadPool pool;

	final LuaScriptRunner runner;

	private BenchRuntime(int poolSize, InvocationInterceptor interceptor, List<EndpointBean> endpoints) {
		this(poolSize, interceptor, endpoints, false);
	}

	private BenchRuntime(int poolSize, InvocationInterceptor interceptor, List<EndpointBean> endpoints,
			boolean queuePool) {
		ApplicationConversionService conversionService = new ApplicationConversionService();
		ValueReaders readers = new ValueReaders(conversionService);
		DispatchTable table = DispatchTable.build(endpoints, readers);
		GenericObjectPoolConfig<LuaVm> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(poolSize);
		config.setMaxIdle(poolSize);
		config.setMaxWait(Duration.ofSeconds(5));
		config.setJmxEnabled(false);
		LuaVmFactory factory = new LuaVmFactory(() -> table, LuaVmSettings.defaults());
		this.pool = queuePool ? new QueuePoolSketch(factory, poolSize) : new LuaThreadPool(factory, config);
		this.runner = new DefaultLuaScriptRunner(this.pool,
				new ScriptRepository(new DefaultResourceLoader(), "classpath:/lua/"), () -> table, readers,
				new ValueWriter(conversionService), new DefaultLuaScriptRunner.RunnerSettings(Long.MAX_VALUE, Duration.ofSeconds(5)),
				interceptor);
		try {
			for (int i = 0; i < poolSize && !queuePool; i++) {
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

	static BenchRuntime withQueuePoolSketch(int poolSize, EndpointBean... endpoints) {
		return new BenchRuntime(poolSize, InvocationInterceptor.NONE, List.of(endpoints), true);
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
