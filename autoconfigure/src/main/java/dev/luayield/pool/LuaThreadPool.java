package dev.luayield.pool;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.luayield.engine.LuaVm;
import org.apache.commons.pool2.DestroyMode;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jspecify.annotations.Nullable;

/**
 * The pool of Lua states, each with its own coroutine, that invocations borrow. It is a
 * commons-pool2 {@link GenericObjectPool}: commons-pool2 creates, validates, limits,
 * evicts and destroys the states, and {@code getMaxTotal()}, {@code getNumActive()},
 * {@code getNumIdle()}, {@code getNumWaiters()}, {@code getCreatedCount()} and
 * {@code getDestroyedCount()} work as commons-pool2 users expect. States an invocation
 * left unfit for reuse are invalidated rather than returned, so
 * {@code getDestroyedCount()} counts them.
 * <p>
 * A returned state is <em>parked</em> rather than handed back to commons-pool2 at once:
 * it stays borrowed from commons-pool2's point of view, and the thread that returned it
 * takes it back on its next borrow with one compare-and-set on memory only it touched
 * last. Any thread may take a parked state; one that finds none borrows from
 * commons-pool2, and while anyone waits there, returned states go straight back to it.
 * The reason is measured in {@code docs/performance.md}: every commons-pool2 borrow and
 * return takes the lock of its idle deque and three synchronized statistics, so two busy
 * threads collide there and gained only 1.1× the throughput of one, and a state that
 * moves between cores on each invocation brings its whole heap along through the caches.
 * HikariCP's {@code ConcurrentBag} answers the same problem for JDBC connections the same
 * way; it is not a library one can put in front of commons-pool2. {@link #getNumActive()}
 * and {@link #getNumIdle()} count parked states as idle, and {@link #evict()},
 * {@link #clear()} and {@link #close()} first hand every parked state back, so eviction
 * and {@code min-idle} see them (a parked state's idle time, for eviction, starts at the
 * first run that finds it); {@code getBorrowedCount()} and {@code getReturnedCount()},
 * which commons-pool2 makes final, count only the borrows and returns that went through
 * it, and {@link #getLeaseCount()} counts them all. Parked states count against
 * {@code max-idle}: a state released while that many are idle is destroyed, as
 * commons-pool2 destroys a return beyond it (two releases at the same instant may both
 * park, leaving one too many until the next eviction run).
 *
 * @since 0.1.0
 */
public class LuaThreadPool extends GenericObjectPool<LuaVm> {

	private final LuaVmFactory factory;

	private final CopyOnWriteArrayList<Lease> leases = new CopyOnWriteArrayList<>();

	private final ThreadLocal<Lease> lastReturned = new ThreadLocal<>();

	private final AtomicInteger waiting = new AtomicInteger();

	private final Object idleLimit = new Object();

	private final LongAdder reclaimed = new LongAdder();

	private volatile long lastExhaustedNanos;

	private volatile boolean everExhausted;

	/**
	 * Creates a pool.
	 * @param factory makes the states
	 * @param config the pool configuration
	 */
	public LuaThreadPool(LuaVmFactory factory, GenericObjectPoolConfig<LuaVm> config) {
		super(factory, config);
		this.factory = factory;
	}

	@Override
	public LuaVm borrowObject(Duration maxWait) throws Exception {
		if (!isClosed()) {
			Lease own = this.lastReturned.get();
			if (own != null && own.take()) {
				this.reclaimed.increment();
				return own.vm;
			}
			Lease parked = takeParked();
			if (parked != null) {
				return parked.vm;
			}
		}
		return borrowFromPool(maxWait);
	}

	private Lease takeParked() {
		for (Lease lease : this.leases) {
			if (lease.take()) {
				this.reclaimed.increment();
				return lease;
			}
		}
		return null;
	}

	private LuaVm borrowFromPool(Duration maxWait) throws Exception {
		// Announce the wait before the last look at the parked states: a thread that
		// parks a state after that look then sees the announcement and hands the state
		// to commons-pool2 instead (release), where this thread is waiting for it.
		this.waiting.incrementAndGet();
		try {
			Lease parked = takeParked();
			if (parked != null) {
				return parked.vm;
			}
			LuaVm vm = super.borrowObject(maxWait);
			this.leases.add(new Lease(vm));
			return vm;
		}
		finally {
			this.waiting.decrementAndGet();
		}
	}

	/**
	 * Returns a borrowed state, or destroys it when the invocation left it unfit for
	 * reuse.
	 * @param vm the state
	 */
	public void release(LuaVm vm) {
		Lease lease = leaseOf(vm);
		if (lease == null) {
			releaseToPool(vm);
			return;
		}
		if (!vm.isUsable()) {
			retire(lease);
			releaseToPool(vm);
			return;
		}
		if (isIdleBounded()) {
			// Checked and parked under one lock: two releases at the same
			// instant must not both see room for one more idle state. Only
			// configurations with max-idle below max-total pay for it.
			boolean surplus;
			synchronized (this.idleLimit) {
				surplus = this.waiting.get() == 0 && super.getNumIdle() + parkedCount() >= getMaxIdle();
				if (!surplus) {
					park(lease);
				}
			}
			if (surplus) {
				// As commons-pool2 does with a return beyond max-idle: the state goes.
				retire(lease);
				destroy(vm);
				return;
			}
		}
		else {
			park(lease);
		}
		// A borrower that announced itself before the park may have missed the state:
		// take it back unless someone already has, and give it to commons-pool2.
		if ((this.waiting.get() > 0 || isClosed()) && lease.take()) {
			handBack(lease);
		}
	}

	/**
	 * Returns a borrowed state; the same as {@link #release(LuaVm)}.
	 * @param vm the state
	 */
	@Override
	public void returnObject(LuaVm vm) {
		release(vm);
	}

	@Override
	public void invalidateObject(LuaVm vm) throws Exception {
		forget(vm);
		super.invalidateObject(vm);
	}

	@Override
	public void invalidateObject(LuaVm vm, DestroyMode destroyMode) throws Exception {
		forget(vm);
		super.invalidateObject(vm, destroyMode);
	}

	/**
	 * Hands the parked states back to commons-pool2 so that it sees them as idle, then
	 * runs its eviction.
	 */
	@Override
	public void evict() throws Exception {
		handBackParked();
		super.evict();
	}

	@Override
	public void clear() {
		handBackParked();
		super.clear();
	}

	@Override
	public void close() {
		if (isClosed()) {
			return;
		}
		// Closed first, so that a state released from now
		// on goes to commons-pool2, which destroys it.
		super.close();
		handBackParked();
	}

	/**
	 * Returns how many states are in use by an invocation.
	 * @return states borrowed and not yet returned
	 */
	@Override
	public int getNumActive() {
		return Math.max(0, super.getNumActive() - parkedCount());
	}

	/**
	 * Returns how many states wait for an invocation, parked ones included.
	 * @return idle states
	 */
	@Override
	public int getNumIdle() {
		return super.getNumIdle() + parkedCount();
	}

	/**
	 * Returns how many times a state was handed to a borrower, whether by commons-pool2
	 * or by taking a parked state.
	 * @return borrows since the pool was made
	 */
	public long getLeaseCount() {
		return getBorrowedCount() + this.reclaimed.sum();
	}

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
	public @Nullable Duration timeSinceLastExhaustion() {
		return this.everExhausted ? Duration.ofNanos(System.nanoTime() - this.lastExhaustedNanos) : null;
	}

	/**
	 * Returns why the last attempt to create a state failed.
	 * @return the failure, or {@code null} if the last attempt succeeded or none was made
	 */
	public @Nullable Throwable getLastCreationFailure() {
		return this.factory.getLastCreationFailure();
	}

	private int parkedCount() {
		int parked = 0;
		for (Lease lease : this.leases) {
			if (lease.isParked()) {
				parked++;
			}
		}
		return parked;
	}

	private void handBackParked() {
		for (Lease lease : this.leases) {
			if (lease.take()) {
				handBack(lease);
			}
		}
	}

	private void handBack(Lease lease) {
		retire(lease);
		super.returnObject(lease.vm);
	}

	/**
	 * Whether max-idle can bind: with max-idle at or above max-total (the default) idle
	 * states can never exceed it, and the usual release stays free of the count.
	 */
	private boolean isIdleBounded() {
		int maxIdle = getMaxIdle();
		return !(maxIdle < 0 || maxIdle >= getMaxTotal() && getMaxTotal() >= 0);
	}

	private void park(Lease lease) {
		if (this.lastReturned.get() != lease) {
			this.lastReturned.set(lease);
		}
		lease.park();
	}

	private void releaseToPool(LuaVm vm) {
		if (vm.isUsable()) {
			super.returnObject(vm);
			return;
		}
		destroy(vm);
	}

	private void destroy(LuaVm vm) {
		try {
			super.invalidateObject(vm);
		}
		catch (Exception ex) {
			// The state is closed either way; the pool has already forgotten it.
		}
	}

	private void forget(LuaVm vm) {
		Lease lease = leaseOf(vm);
		if (lease != null) {
			retire(lease);
		}
	}

	private void retire(Lease lease) {
		lease.retired = true;
		this.leases.remove(lease);
	}

	private Lease leaseOf(LuaVm vm) {
		Lease own = this.lastReturned.get();
		// A thread's last lease outlives its hand-back to commons-pool2,
		// which may lend the same state again under a new lease.
		if (own != null && own.vm == vm && !own.retired) {
			return own;
		}
		for (Lease lease : this.leases) {
			if (lease.vm == vm) {
				return lease;
			}
		}
		return null;
	}

	/**
	 * A state borrowed from commons-pool2, either in use or parked.
	 */
	private static final class Lease {

		final LuaVm vm;

		volatile boolean retired;

		private final AtomicBoolean parked = new AtomicBoolean();

		Lease(LuaVm vm) {
			this.vm = vm;
		}

		boolean take() {
			return this.parked.get() && this.parked.compareAndSet(true, false);
		}

		void park() {
			this.parked.set(true);
		}

		boolean isParked() {
			return this.parked.get();
		}

	}

}
