package dev.luayield.pool;

import dev.luayield.runtime.LuaVm;

import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * The pool of Lua states, each with its own coroutine, that invocations borrow. It is a
 * plain commons-pool2 {@link GenericObjectPool}: its counters ({@code getNumActive()},
 * {@code getCreatedCount()}, {@code getDestroyedCount()}...) and configuration work as
 * commons-pool2 users expect. States an invocation left unfit for reuse are invalidated
 * rather than returned, so {@code getDestroyedCount()} counts them.
 */
public class LuaThreadPool extends GenericObjectPool<LuaVm> {

	/**
	 * Creates a pool.
	 * @param factory makes the states
	 * @param config the pool configuration
	 */
	public LuaThreadPool(LuaVmFactory factory, GenericObjectPoolConfig<LuaVm> config) {
		super(factory, config);
	}

	private volatile long lastExhaustedNanos;

	private volatile boolean everExhausted;

	/**
	 * Records that a borrower gave up after waiting {@code max-wait}: what the health
	 * indicator reports.
	 */
	public void recordExhaustion() {
		this.lastExhaustedNanos = System.nanoTime();
		this.everExhausted = true;
	}

	/**
	 * Returns how long ago a borrower last gave up waiting for a state.
	 * @return the time since, or {@code null} if none ever did
	 */
	public java.time.Duration timeSinceLastExhaustion() {
		return this.everExhausted ? java.time.Duration.ofNanos(System.nanoTime() - this.lastExhaustedNanos) : null;
	}

	/**
	 * Returns a borrowed state to the pool, or destroys it when the invocation left it
	 * unfit for reuse.
	 * @param vm the state
	 */
	public void release(LuaVm vm) {
		if (vm.isUsable()) {
			returnObject(vm);
		}
		else {
			try {
				invalidateObject(vm);
			}
			catch (Exception ex) {
				// The state is closed either way; the pool has already forgotten it.
			}
		}
	}

}
