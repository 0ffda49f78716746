package dev.luayield;

import java.time.Duration;

/**
 * Per-invocation options, applied through {@link LuaScriptRunner#with(LuaOptions)}:
 * {@code runner.with(LuaOptions.readOnly()).run("report")}. Unset options keep the
 * configured defaults ({@code lua.transaction.*}, {@code lua.limits.*}). Immutable.
 */
public final class LuaOptions {

	private static final LuaOptions DEFAULTS = new LuaOptions(null, null, null, null);

	private final Boolean readOnly;

	private final Integer propagation;

	private final Integer isolation;

	private final Duration timeout;

	private LuaOptions(Boolean readOnly, Integer propagation, Integer isolation, Duration timeout) {
		this.readOnly = readOnly;
		this.propagation = propagation;
		this.isolation = isolation;
		this.timeout = timeout;
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
		return new LuaOptions(readOnly, this.propagation, this.isolation, this.timeout);
	}

	/**
	 * Returns a copy with a transaction propagation behavior, one of Spring's
	 * {@code TransactionDefinition.PROPAGATION_*} constants (or
	 * {@code Propagation.X.value()}).
	 * @param propagation the propagation behavior
	 * @return the new options
	 */
	public LuaOptions withPropagation(int propagation) {
		return new LuaOptions(this.readOnly, propagation, this.isolation, this.timeout);
	}

	/**
	 * Returns a copy with a transaction isolation level, one of Spring's
	 * {@code TransactionDefinition.ISOLATION_*} constants (or {@code Isolation.X.value()}).
	 * @param isolation the isolation level
	 * @return the new options
	 */
	public LuaOptions withIsolation(int isolation) {
		return new LuaOptions(this.readOnly, this.propagation, isolation, this.timeout);
	}

	/**
	 * Returns a copy with a different time limit for the invocation.
	 * @param timeout the time limit
	 * @return the new options
	 */
	public LuaOptions withTimeout(Duration timeout) {
		return new LuaOptions(this.readOnly, this.propagation, this.isolation, timeout);
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
