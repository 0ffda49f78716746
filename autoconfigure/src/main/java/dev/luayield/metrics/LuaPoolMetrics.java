package dev.luayield.metrics;

import java.util.function.ToDoubleFunction;

import dev.luayield.pool.LuaThreadPool;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauges and counters of one {@link LuaThreadPool} ({@code lua.pool.active},
 * {@code idle}, {@code waiters}, {@code max}, {@code created}, {@code destroyed},
 * {@code leases}), tagged with the pool's name. Unlike Micrometer's commons-pool2 binder,
 * which binds every commons-pool2 pool registered in JMX, it sees only the pool it is
 * given, and it reads that pool's own counts, in which parked states are idle.
 *
 * @since 0.1.0
 */
public class LuaPoolMetrics implements MeterBinder {

	private final LuaThreadPool pool;

	private final Iterable<Tag> tags;

	/**
	 * Creates the binder for a pool.
	 * @param pool the pool
	 * @param name the value of the {@code name} tag
	 * @param tags further tags
	 */
	public LuaPoolMetrics(LuaThreadPool pool, String name, Iterable<Tag> tags) {
		this.pool = pool;
		this.tags = Tags.of(tags).and("name", name);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "active", "Lua states running an invocation", LuaThreadPool::getNumActive);
		gauge(registry, "idle", "Lua states waiting for an invocation", LuaThreadPool::getNumIdle);
		gauge(registry, "waiters", "invocations waiting for a Lua state", LuaThreadPool::getNumWaiters);
		gauge(registry, "max", "most Lua states the pool holds (lua.pool.max-total)", LuaThreadPool::getMaxTotal);
		gauge(registry, "min.idle", "fewest idle Lua states the pool keeps (lua.pool.min-idle)",
				LuaThreadPool::getMinIdle);
		counter(registry, "created", "Lua states created", LuaThreadPool::getCreatedCount);
		counter(registry, "destroyed", "Lua states destroyed", LuaThreadPool::getDestroyedCount);
		counter(registry, "leases", "times a Lua state was handed to an invocation", LuaThreadPool::getLeaseCount);
	}

	private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<LuaThreadPool> value) {
		Gauge.builder("lua.pool." + name, this.pool, value).description(description).tags(this.tags).register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<LuaThreadPool> value) {
		FunctionCounter.builder("lua.pool." + name, this.pool, value)
			.description(description)
			.tags(this.tags)
			.register(registry);
	}

}
