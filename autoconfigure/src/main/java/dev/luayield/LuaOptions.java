package dev.luayield;

import java.time.Duration;

/**
 * Per-invocation options, applied through {@link LuaScriptRunner#with(LuaOptions)}:
 * {@code runner.with(LuaOptions.readOnly()).run("report")}. Unset options keep the
 * configured defaults ({@code lua.transaction.*}, {@code lua.limits.*}). Immutable.
 */
public final class LuaOptions {

	private static final LuaOptions DEFAULTS = new LuaOptions(null, null, null, null, null);

	private final Boolean readOnly;

	private final Integer propagation;

	private final Integer isolation;

	private final Duration timeout;

	private final LuaTrace trace;

	private LuaOptions(Boolean readOnly, Integer propagation, Integer isolation, Duration timeout, LuaTrace trace) {
		this.readOnly = readOnly;
		this.propagation = propagation;
		this.isolation = isolation;
		this.timeout = timeout;
		this.trace = trace;
	}

	/**
	 * Returns options that change nothing.
	 * @return the default options
	 */
	public static LuaOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns options for a read-only transaction.
	 * @return read-only options
	 */
	public static LuaOptions readOnly() {
		return DEFAULTS.withReadOnly(true);
	}

	/**
	 * Returns a copy whose transaction is read-only or not.
	 * @param readOnly whether the transaction is read-only
	 * @return the new options
	 */
	public LuaOptions withReadOnly(boolean readOnly) {
		return new LuaOptions(readOnly, this.propagation, this.isolation, this.timeout, this.trace);
	}

	/**
	 * Returns a copy with a transaction propagation behavior, one of Spring's
	 * {@code TransactionDefinition.PROPAGATION_*} constants (or
	 * {@code Propagation.X.value()}).
	 * @param propagation the propagation behavior
	 * @return the new options
	 */
	public LuaOptions withPropagation(int propagation) {
		return new LuaOptions(this.readOnly, propagation, this.isolation, this.timeout, this.trace);
	}

	/**
	 * Returns a copy with a transaction isolation level, one of Spring's
	 * {@code TransactionDefinition.ISOLATION_*} constants (or
	 * {@code Isolation.X.value()}).
	 * @param isolation the isolation level
	 * @return the new options
	 */
	public LuaOptions withIsolation(int isolation) {
		return new LuaOptions(this.readOnly, this.propagation, isolation, this.timeout, this.trace);
	}

	/**
	 * Returns a copy with a different time limit for the invocation. The limit applies
	 * whatever {@code lua.limits.timeout} says, even when that turns the configured limit
	 * off.
	 * @param timeout the time limit, a positive duration
	 * @return the new options
	 * @throws IllegalArgumentException if the timeout is zero or negative: an invocation
	 * cannot be given less than no time, and no option turns the limit off
	 */
	public LuaOptions withTimeout(Duration timeout) {
		if (timeout == null || timeout.isZero() || timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must be a positive duration, got " + timeout
					+ " (the time limit cannot be turned off per invocation)");
		}
		return new LuaOptions(this.readOnly, this.propagation, this.isolation, timeout, this.trace);
	}

	/**
	 * Returns a copy that records the invocation's endpoint calls into the given trace.
	 * Recording reads every argument and reply once more, so leave it off where speed
	 * matters.
	 * @param trace the trace to fill
	 * @return the new options
	 */
	public LuaOptions withTrace(LuaTrace trace) {
		return new LuaOptions(this.readOnly, this.propagation, this.isolation, this.timeout, trace);
	}

	/**
	 * Returns the trace to record into, or {@code null}.
	 * @return the trace
	 */
	public LuaTrace getTrace() {
		return this.trace;
	}

	/**
	 * Returns whether the transaction is read-only, or {@code null} for the default.
	 * @return the read-only flag
	 */
	public Boolean getReadOnly() {
		return this.readOnly;
	}

	/**
	 * Returns the propagation behavior, or {@code null} for the default.
	 * @return the propagation behavior
	 */
	public Integer getPropagation() {
		return this.propagation;
	}

	/**
	 * Returns the isolation level, or {@code null} for the default.
	 * @return the isolation level
	 */
	public Integer getIsolation() {
		return this.isolation;
	}

	/**
	 * Returns the time limit, or {@code null} for the default.
	 * @return the time limit
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
