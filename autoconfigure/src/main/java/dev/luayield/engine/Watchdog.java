package dev.luayield.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends invocations that the checks compiled into scripts cannot: a loop whose every pass
 * is one long C call or VM operation reaches those checks too rarely. One daemon thread,
 * {@code luayield-watchdog}, shared by all states and started with the first, looks every
 * 10 ms at the states that run an invocation with a deadline, and interrupts any whose
 * deadline passed more than 50 ms ago (the compiled checks get their chance first)
 * through the native shim's hook, see {@link NativeMemoryLimit#interrupt(long)}.
 * <p>
 * An invocation costs no scheduling: the state publishes its deadline in a volatile field
 * when it starts and clears it when it ends, and the thread walks the registry of live
 * states. Where the shim is not available, or the watchdog is switched off with
 * {@code -Dluayield.native-watchdog=false}, there is no watchdog, and the compiled checks
 * are the only time limit.
 */
final class Watchdog {

	/** The system property that, set to {@code false}, switches the watchdog off. */
	static final String ENABLED_PROPERTY = "luayield.native-watchdog";

	private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private static final Logger logger = LoggerFactory.getLogger(Watchdog.class);

	private static final Set<Watch> watched = ConcurrentHashMap.newKeySet();

	private static volatile Thread thread;

	private Watchdog() {
	}

	/**
	 * Returns whether states can be watched here.
	 * @return {@code true} with the native shim and the watchdog not switched off
	 */
	static boolean isAvailable() {
		return !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY)) && NativeMemoryLimit.isAvailable();
	}

	/**
	 * Starts watching a state.
	 * @param shim the state's native shim
	 * @return the watch, to {@link Watch#close() close} before the shim is
	 */
	static Watch watch(NativeMemoryLimit shim) {
		Watch watch = new Watch(shim);
		watched.add(watch);
		startThread();
		return watch;
	}

	private static void startThread() {
		if (thread == null) {
			synchronized (Watchdog.class) {
				if (thread == null) {
					Thread started = new Thread(Watchdog::run, "luayield-watchdog");
					started.setDaemon(true);
					started.start();
					thread = started;
				}
			}
		}
	}

	private static void run() {
		while (true) {
			LockSupport.parkNanos(TICK_NANOS);
			long now = System.nanoTime();
			for (Watch watch : watched) {
				try {
					watch.check(now);
				}
				catch (RuntimeException ex) {
					// One state closing under the watchdog
					// must not stop it watching the others.
					logger.debug("Could not check a Lua state's deadline", ex);
				}
			}
		}
	}

	/**
	 * What the watchdog knows about one state. The state's thread writes, the watchdog
	 * reads: the deadline before the generation when an invocation starts and the other
	 * way round when it ends, so that a deadline read after a running generation belongs
	 * to that generation or a later one, which the shim then refuses to interrupt.
	 */
	static final class Watch implements AutoCloseable {

		private static final VarHandle GENERATION;

		static {
			try {
				GENERATION = MethodHandles.lookup().findVarHandle(Watch.class, "generation", long.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final NativeMemoryLimit shim;

		/**
		 * Odd while an invocation with a deadline runs, even between them. Written with
		 * release and read with acquire semantics (see {@link #GENERATION}): a full
		 * volatile store on every invocation's start and end would cost more than the
		 * rest of starting an empty one.
		 */
		private long generation;

		/**
		 * The running invocation's deadline by {@link System#nanoTime()}, 0 between them;
		 * published by the release store of the generation that follows it.
		 */
		private long deadline;

		/**
		 * Set by the watchdog as soon as the running invocation's deadline has passed, so
		 * that the resume loop refuses further endpoint calls with one plain read instead
		 * of a clock read per call.
		 */
		private volatile boolean expired;

		/**
		 * Set by the watchdog once it has interrupted the state, so that the state's
		 * thread asks the shim which generation only then: one plain read on the hot
		 * path.
		 */
		private volatile boolean fired;

		/**
		 * The state's thread's own copy of {@link #generation}, read without a barrier.
		 */
		private long current;

		private Watch(NativeMemoryLimit shim) {
			this.shim = shim;
		}

		/**
		 * Starts watching an invocation. Only from the state's thread.
		 * @param deadlineNanos its deadline by {@link System#nanoTime()}
		 */
		void start(long deadlineNanos) {
			long next = this.current + (((this.current & 1) == 0) ? 1 : 2);
			this.current = next;
			this.shim.startRun(next);
			if (this.expired) {
				this.expired = false;
			}
			this.deadline = deadlineNanos;
			GENERATION.setRelease(this, next);
		}

		/**
		 * Returns whether the running invocation's deadline has passed, as the watchdog
		 * last saw it (within a tick).
		 * @return {@code true} once the deadline has passed
		 */
		boolean expired() {
			return this.expired;
		}

		/**
		 * Returns whether the watchdog interrupted the running invocation, and if it did,
		 * stops watching it and removes the hook, so that Java can use the state again.
		 * Only from the state's thread, after a resume.
		 * @return {@code true} if the invocation was interrupted
		 */
		boolean interrupted() {
			if (!this.fired || (this.current & 1) == 0 || !this.shim.interrupted(this.current)) {
				return false;
			}
			end();
			return true;
		}

		/**
		 * Stops watching the running invocation, if there is one. Only from the state's
		 * thread; cheap when nothing ran or nothing was interrupted.
		 */
		void end() {
			long ran = this.current;
			if ((ran & 1) == 0) {
				return;
			}
			this.deadline = 0;
			this.current = ran + 1;
			GENERATION.setRelease(this, ran + 1);
			this.shim.startRun(ran + 1);
			if (this.fired) {
				this.fired = false;
				if (this.shim.interrupted(ran)) {
					// Interrupted after the last resume: the hook
					// may still be set and would otherwise only go
					// at the next instruction, wherever that runs.
					this.shim.clearInterrupt();
				}
			}
		}

		private void check(long now) {
			long running = (long) GENERATION.getAcquire(this);
			if ((running & 1) == 0) {
				return;
			}
			long due = this.deadline;
			if (due != 0 && now - due > 0 && !this.expired) {
				this.expired = true;
			}
			if (due != 0 && now - due > GRACE_NANOS) {
				// Set again on every tick until the state's thread
				// has seen it: a hook bit the VM lost in a race (see
				// luayield_native.c) is put back within a tick.
				if (this.shim.interrupt(running)) {
					this.fired = true;
				}
			}
		}

		/**
		 * Stops watching the state for good; before the shim is closed.
		 */
		@Override
		public void close() {
			watched.remove(this);
		}

	}

}
