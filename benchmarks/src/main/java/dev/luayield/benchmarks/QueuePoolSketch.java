package dev.luayield.benchmarks;

import java.util.concurrent.ConcurrentLinkedQueue;

import dev.luayield.pool.LuaThreadPool;
import dev.luayield.pool.LuaVmFactory;
import dev.luayield.runtime.LuaVm;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Benchmark-only experiment, not a proposal to copy: a {@link LuaThreadPool} whose borrow
 * and return bypass commons-pool2 for a lock-free queue of states made up front. It has
 * none of a real pool's duties (no limit while waiting, no timeout, no counters, no
 * eviction); it exists to show how far invocations scale across threads once the pool
 * stops being the shared bottleneck.
 */
final class QueuePoolSketch extends LuaThreadPool {

	private final ConcurrentLinkedQueue<LuaVm> idle = new ConcurrentLinkedQueue<>();

	QueuePoolSketch(LuaVmFactory factory, int size) {
		super(factory, new GenericObjectPoolConfig<>());
		for (int i = 0; i < size; i++) {
			this.idle.add(factory.create());
		}
	}

	@Override
	public LuaVm borrowObject() {
		LuaVm vm;
		while ((vm = this.idle.poll()) == null) {
			Thread.onSpinWait();
		}
		return vm;
	}

	@Override
	public void release(LuaVm vm) {
		this.idle.add(vm);
	}

	@Override
	public void close() {
		LuaVm vm;
		while ((vm = this.idle.poll()) != null) {
			vm.close();
		}
		super.close();
	}

}
