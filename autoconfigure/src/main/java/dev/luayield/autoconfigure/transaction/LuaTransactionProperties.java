package dev.luayield.autoconfigure.transaction;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;

/**
 * Configuration properties for running Lua invocations in transactions.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("lua.transaction")
public class LuaTransactionProperties {

	/**
	 * Whether each invocation runs in a transaction (joining the caller's, if any).
	 */
	private boolean enabled = true;

	/**
	 * Whether invocation transactions are read-only. A read-only invocation always ends
	 * in a rollback, and refuses to join a caller's read-write transaction.
	 */
	private boolean readOnly = false;

	/**
	 * Propagation of invocation transactions. REQUIRED joins the caller's transaction,
	 * which a failing script then marks rollback-only; REQUIRES_NEW gives every
	 * invocation a transaction of its own.
	 */
	private Propagation propagation = Propagation.REQUIRED;

	/**
	 * Isolation level of invocation transactions.
	 */
	private Isolation isolation = Isolation.DEFAULT;

	/**
	 * Timeout of invocation transactions. When not set, the transaction manager's
	 * default.
	 */
	private Duration timeout;

	/**
	 * Name of the transaction manager bean to use, for applications that have several.
	 */
	private String manager;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isReadOnly() {
		return this.readOnly;
	}

	public void setReadOnly(boolean readOnly) {
		this.readOnly = readOnly;
	}

	public Propagation getPropagation() {
		return this.propagation;
	}

	public void setPropagation(Propagation propagation) {
		this.propagation = propagation;
	}

	public Isolation getIsolation() {
		return this.isolation;
	}

	public void setIsolation(Isolation isolation) {
		this.isolation = isolation;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public String getManager() {
		return this.manager;
	}

	public void setManager(String manager) {
		this.manager = manager;
	}

}
