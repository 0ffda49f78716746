package dev.luayield.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.luayield.conversion.ValueReaders;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.engine.LuaVm;
import dev.luayield.sandbox.LuaVmSettings;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.convert.support.DefaultConversionService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LuaThreadPool}: parked states, and the commons-pool2 contract around
 * them.
 */
class LuaThreadPoolTests {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<LuaThreadPool> pools = new ArrayList<>();

	@AfterEach
	void tearDown() {
		this.executor.shutdownNow();
		this.pools.forEach(LuaThreadPool::close);
	}

	@Test
	void whenAThreadBorrowsAgainThenItTakesBackItsParkedStateWithoutCommonsPool() throws Exception {
		LuaThreadPool pool = pool(2, Duration.ofSeconds(5));
		LuaVm first = pool.borrowObject();
		pool.release(first);
		assertThat(pool.getNumActive()).isZero();
		assertThat(pool.getNumIdle()).isEqualTo(1);
		for (int i = 0; i < 100; i++) {
			LuaVm vm = pool.borrowObject();
			assertThat(vm).isSameAs(first);
			assertThat(pool.getNumActive()).isEqualTo(1);
			assertThat(pool.getNumIdle()).isZero();
			pool.release(vm);
		}
		assertThat(pool.getBorrowedCount()).as("borrows through commons-pool2").isEqualTo(1);
		assertThat(pool.getLeaseCount()).isEqualTo(101);
		assertThat(pool.getCreatedCount()).isEqualTo(1);
	}

	@Test
	void whenAnotherThreadBorrowsThenItTakesTheParkedStateAtOnce() throws Exception {
		LuaThreadPool pool = pool(1, Duration.ofMinutes(5));
		LuaVm parked = pool.borrowObject();
		pool.release(parked);
		LuaVm taken = this.executor.submit(() -> pool.borrowObject()).get(30, TimeUnit.SECONDS);
		assertThat(taken).isSameAs(parked);
		assertThat(pool.getNumActive()).isEqualTo(1);
		pool.release(taken);
		assertThat(pool.getNumActive()).isZero();
	}

	@Test
	void whenABorrowerWaitsInCommonsPoolThenAReleasedStateGoesToIt() throws Exception {
		LuaThreadPool pool = pool(1, Duration.ofMinutes(5));
		LuaVm held = pool.borrowObject();
		CountDownLatch started = new CountDownLatch(1);
		Future<LuaVm> waiter = this.executor.submit(() -> {
			started.countDown();
			return pool.borrowObject();
		});
		started.await();
		while (pool.getNumWaiters() == 0) {
			Thread.onSpinWait();
		}
		pool.release(held);
		assertThat(waiter.get(30, TimeUnit.SECONDS)).as("long before max-wait").isSameAs(held);
		assertThat(pool.getNumActive()).isEqualTo(1);
		assertThat(pool.getNumIdle()).isZero();
	}

	@Test
	void whenEveryStateIsInUseThenABorrowFailsAfterMaxWait() throws Exception {
		LuaThreadPool pool = pool(1, Duration.ofMillis(50));
		LuaVm held = pool.borrowObject();
		Future<LuaVm> borrower = this.executor.submit(() -> pool.borrowObject());
		assertThat(borrower).failsWithin(Duration.ofSeconds(30))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(NoSuchElementException.class);
		pool.release(held);
		assertThat(pool.getNumActive()).isZero();
	}

	@Test
	void whenAReleasedStateIsUnusableThenItIsDestroyedNotParked() throws Exception {
		LuaThreadPool pool = pool(1, Duration.ofSeconds(5));
		LuaVm broken = pool.borrowObject();
		pool.release(broken);
		broken = pool.borrowObject();
		broken.close();
		pool.release(broken);
		assertThat(pool.getDestroyedCount()).isEqualTo(1);
		assertThat(pool.getNumActive()).isZero();
		assertThat(pool.getNumIdle()).isZero();
		LuaVm fresh = pool.borrowObject();
		assertThat(fresh).isNotSameAs(broken);
		assertThat(fresh.isUsable()).isTrue();
		pool.release(fresh);
	}

	@Test
	void whenAStateIsInvalidatedThenItsLeaseIsForgotten() throws Exception {
		LuaThreadPool pool = pool(1, Duration.ofSeconds(5));
		LuaVm vm = pool.borrowObject();
		pool.release(vm);
		vm = pool.borrowObject();
		pool.invalidateObject(vm);
		assertThat(pool.getNumIdle()).isZero();
		assertThat(pool.getNumActive()).isZero();
		LuaVm fresh = pool.borrowObject();
		assertThat(fresh).isNotSameAs(vm);
		pool.release(fresh);
		assertThat(pool.getNumIdle()).isEqualTo(1);
	}

	@Test
	void whenCommonsPoolLendsAHandedBackStateAgainThenTheOldLeaseIsNotUsed() throws Exception {
		LuaThreadPool pool = pool(1, Duration.ofSeconds(5));
		LuaVm vm = pool.borrowObject();
		pool.release(vm);
		pool.clear();
		// clear() destroyed the parked state; a new one is lent under a new lease.
		assertThat(pool.getDestroyedCount()).isEqualTo(1);
		LuaVm fresh = pool.borrowObject();
		pool.release(fresh);
		pool.evict();
		LuaVm again = pool.borrowObject();
		assertThat(again).isSameAs(fresh);
		assertThat(pool.getNumActive()).isEqualTo(1);
		pool.release(again);
		assertThat(pool.getNumActive()).isZero();
		assertThat(pool.getNumIdle()).isEqualTo(1);
		assertThat(pool.borrowObject()).isSameAs(fresh);
		assertThat(pool.getBorrowedCount()).as("evict() handed the state back, so commons-pool2 lent it again")
			.isEqualTo(3);
	}

	@Test
	void whenEvictionRunsThenParkedStatesBecomeEvictable() throws Exception {
		GenericObjectPoolConfig<LuaVm> config = config(2, Duration.ofSeconds(5));
		config.setMinEvictableIdleDuration(Duration.ofMillis(1));
		config.setNumTestsPerEvictionRun(10);
		LuaThreadPool pool = pool(config);
		LuaVm vm = pool.borrowObject();
		pool.release(vm);
		pool.evict();
		assertThat(pool.getDestroyedCount()).as("idle for commons-pool2 from the first run on").isZero();
		Thread.sleep(20);
		pool.evict();
		assertThat(pool.getDestroyedCount()).isEqualTo(1);
		assertThat(pool.getNumIdle()).isZero();
		assertThat(vm.isUsable()).isFalse();
	}

	@Test
	void whenMoreStatesAreReleasedThanMaxIdleThenTheExtrasAreDestroyed() throws Exception {
		GenericObjectPoolConfig<LuaVm> config = config(4, Duration.ofSeconds(5));
		config.setMaxIdle(1);
		LuaThreadPool pool = pool(config);
		List<LuaVm> burst = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			burst.add(pool.borrowObject());
		}
		burst.forEach(pool::release);
		assertThat(pool.getNumIdle()).isEqualTo(1);
		assertThat(pool.getNumActive()).isZero();
		assertThat(pool.getDestroyedCount()).isEqualTo(3);
		assertThat(pool.borrowObject()).as("the one kept is parked for reuse").isSameAs(burst.get(0));
	}

	@Test
	void whenEvictionRunsThenMinIdleIsRestored() throws Exception {
		GenericObjectPoolConfig<LuaVm> config = config(3, Duration.ofSeconds(5));
		config.setMinIdle(2);
		LuaThreadPool pool = pool(config);
		LuaVm vm = pool.borrowObject();
		pool.release(vm);
		pool.evict();
		pool.preparePool();
		assertThat(pool.getNumIdle()).isEqualTo(2);
		assertThat(pool.getCreatedCount()).isEqualTo(2);
	}

	@Test
	void whenThePoolClosesThenParkedStatesAreDestroyed() throws Exception {
		LuaThreadPool pool = pool(2, Duration.ofSeconds(5));
		LuaVm first = pool.borrowObject();
		LuaVm second = pool.borrowObject();
		pool.release(first);
		pool.close();
		assertThat(first.isUsable()).isFalse();
		pool.release(second);
		assertThat(second.isUsable()).as("released after close").isFalse();
		assertThat(pool.getDestroyedCount()).isEqualTo(2);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(pool::borrowObject);
	}

	@Test
	void whenManyThreadsShareFewStatesThenNoStateIsEverHeldTwice() throws Exception {
		LuaThreadPool pool = pool(2, Duration.ofMinutes(1));
		Map<LuaVm, AtomicInteger> holders = new ConcurrentHashMap<>();
		AtomicInteger overlaps = new AtomicInteger();
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < 6; t++) {
			workers.add(this.executor.submit(() -> {
				for (int i = 0; i < 3_000; i++) {
					LuaVm vm = pool.borrowObject();
					AtomicInteger count = holders.computeIfAbsent(vm, (key) -> new AtomicInteger());
					if (count.incrementAndGet() != 1) {
						overlaps.incrementAndGet();
					}
					Thread.yield();
					count.decrementAndGet();
					pool.release(vm);
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get(2, TimeUnit.MINUTES);
		}
		assertThat(overlaps).hasValue(0);
		assertThat(pool.getNumActive()).isZero();
		assertThat(pool.getNumIdle()).isEqualTo(2);
		assertThat(pool.getCreatedCount()).isEqualTo(2);
		assertThat(pool.getLeaseCount()).isEqualTo(6 * 3_000);
	}

	private LuaThreadPool pool(int maxTotal, Duration maxWait) {
		return pool(config(maxTotal, maxWait));
	}

	private static GenericObjectPoolConfig<LuaVm> config(int maxTotal, Duration maxWait) {
		GenericObjectPoolConfig<LuaVm> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(maxTotal);
		config.setMaxIdle(maxTotal);
		config.setMaxWait(maxWait);
		config.setJmxEnabled(false);
		return config;
	}

	private LuaThreadPool pool(GenericObjectPoolConfig<LuaVm> config) {
		ValueReaders readers = new ValueReaders(new DefaultConversionService());
		DispatchTable table = DispatchTable.build(List.of(), readers);
		LuaThreadPool pool = new LuaThreadPool(new LuaVmFactory(() -> table, LuaVmSettings.defaults()), config);
		this.pools.add(pool);
		return pool;
	}

}
