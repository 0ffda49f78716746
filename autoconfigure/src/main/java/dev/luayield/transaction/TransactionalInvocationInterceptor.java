package dev.luayield.transaction;

import java.time.Duration;

import dev.luayield.InvocationInterceptor;
import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.ScriptInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each invocation, its whole resume loop included, as one unit of work: inside the
 * caller's transaction when there is one (propagation REQUIRED by default), otherwise in
 * a new one committed when the script returns. Every endpoint call of the invocation runs
 * on the thread that owns the transaction, so they share one persistence context.
 * <p>
 * The script is prepared (state borrowed, script read and compiled) before the
 * transaction is entered: a script that never ran leaves the caller's transaction as it
 * was. An exception that ends a script that ran rolls everything back; when the script
 * had joined the caller's transaction, that transaction is marked rollback-only, as for
 * any transactional method that throws, and the exception's message says so. A script
 * that caught an endpoint error and finished normally still commits, unless the
 * endpoint's own transactional proxy marked the transaction rollback-only: then the
 * caller gets a {@link LuaScriptException} that says so, instead of a commit that
 * silently does not happen.
 * <p>
 * A read-only invocation never commits a write, whatever the database enforces: its own
 * transaction always ends in a rollback. It refuses to join a caller's read-write
 * transaction, whose commit would carry its writes, and to run with no transaction at
 * all; both fail before the script runs.
 *
 * @since 0.1.0
 */
public class TransactionalInvocationInterceptor implements InvocationInterceptor {

	private final PlatformTransactionManager transactionManager;

	private final Defaults defaults;

	/**
	 * Creates an interceptor.
	 * @param transactionManager the transaction manager
	 * @param defaults the definition used where an invocation's options say nothing
	 */
	public TransactionalInvocationInterceptor(PlatformTransactionManager transactionManager, Defaults defaults) {
		this.transactionManager = transactionManager;
		this.defaults = defaults;
	}

	@Override
	public Object intercept(String scriptName, LuaOptions options, ScriptInvocation invocation) {
		TransactionDefinition definition = definition(options);
		if (definition.isReadOnly()) {
			checkReadOnlyHolds(scriptName, definition.getPropagationBehavior());
		}
		invocation.prepare();
		TransactionTemplate template = new TransactionTemplate(this.transactionManager, definition);
		return template.execute((status) -> {
			Object result;
			try {
				result = invocation.get();
			}
			catch (LuaScriptException ex) {
				if (marksCallerRollbackOnly(status)) {
					ex.markCallerRollbackOnly();
				}
				throw ex;
			}
			if (status.isRollbackOnly()) {
				throw new LuaScriptException(scriptName, -1, scriptName
						+ ": the script finished, but its transaction was marked rollback-only (an endpoint's own"
						+ " transactional method failed and the script caught the error), so none of its changes"
						+ " were committed", null);
			}
			if (definition.isReadOnly() && status.isNewTransaction()) {
				// The read-only flag is a hint: Hibernate skips
				// flushing, but an INSERT that had to run at once, or
				// plain SQL, would commit on a database that ignores it.
				status.setRollbackOnly();
			}
			return result;
		});
	}

	private boolean marksCallerRollbackOnly(TransactionStatus status) {
		boolean participating = TransactionSynchronizationManager.isActualTransactionActive()
				&& !status.isNewTransaction() && !status.hasSavepoint();
		return participating && !(this.transactionManager instanceof AbstractPlatformTransactionManager manager
				&& !manager.isGlobalRollbackOnParticipationFailure());
	}

	/**
	 * Fails a read-only invocation that would write into a transaction someone else
	 * commits, or into none: there is no rollback of its own to end it with.
	 */
	private void checkReadOnlyHolds(String scriptName, int propagation) {
		boolean callerTransaction = TransactionSynchronizationManager.isActualTransactionActive();
		boolean joins = callerTransaction && (propagation == TransactionDefinition.PROPAGATION_REQUIRED
				|| propagation == TransactionDefinition.PROPAGATION_SUPPORTS
				|| propagation == TransactionDefinition.PROPAGATION_MANDATORY
				|| propagation == TransactionDefinition.PROPAGATION_NESTED);
		if (joins && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			throw new LuaScriptException(scriptName, -1, scriptName
					+ ": a read-only invocation cannot join the caller's read-write transaction, whose commit would"
					+ " carry the script's writes; run it in a read-only transaction of its own"
					+ " (LuaOptions.readOnly().withPropagation(TransactionDefinition.PROPAGATION_REQUIRES_NEW))"
					+ " or call it from a read-only transaction", null);
		}
		boolean none = propagation == TransactionDefinition.PROPAGATION_NOT_SUPPORTED
				|| propagation == TransactionDefinition.PROPAGATION_NEVER
				|| (propagation == TransactionDefinition.PROPAGATION_SUPPORTS && !callerTransaction);
		if (none) {
			throw new LuaScriptException(scriptName, -1,
					scriptName
							+ ": a read-only invocation needs a transaction to roll back, and its propagation runs it"
							+ " without one; use PROPAGATION_REQUIRED or PROPAGATION_REQUIRES_NEW",
					null);
		}
	}

	private TransactionDefinition definition(LuaOptions options) {
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		definition.setName("lua");
		definition.setPropagationBehavior(
				(options.getPropagation() != null) ? options.getPropagation() : this.defaults.propagation());
		definition
			.setIsolationLevel((options.getIsolation() != null) ? options.getIsolation() : this.defaults.isolation());
		definition.setReadOnly((options.getReadOnly() != null) ? options.getReadOnly() : this.defaults.readOnly());
		if (this.defaults.timeout() != null) {
			definition.setTimeout((int) Math.max(1, this.defaults.timeout().toSeconds()));
		}
		return definition;
	}

	/**
	 * The transaction definition that applies where an invocation's options say nothing.
	 *
	 * @param readOnly whether transactions are read-only
	 * @param isolation the isolation level, one of
	 * {@code TransactionDefinition.ISOLATION_*}
	 * @param timeout the transaction timeout, or {@code null} for the transaction
	 * manager's default
	 * @param propagation the propagation behavior, one of
	 * {@code TransactionDefinition.PROPAGATION_*}
	 */
	public record Defaults(boolean readOnly, int isolation, @Nullable Duration timeout, int propagation) {

		/**
		 * Creates defaults that join the caller's transaction (propagation REQUIRED).
		 * @param readOnly whether transactions are read-only
		 * @param isolation the isolation level
		 * @param timeout the transaction timeout, or {@code null}
		 */
		public Defaults(boolean readOnly, int isolation, @Nullable Duration timeout) {
			this(readOnly, isolation, timeout, TransactionDefinition.PROPAGATION_REQUIRED);
		}

		/**
		 * Returns read-write transactions at the database's default isolation, with no
		 * timeout of their own, joining the caller's transaction.
		 * @return the defaults
		 */
		public static Defaults standard() {
			return new Defaults(false, TransactionDefinition.ISOLATION_DEFAULT, null);
		}

	}

}
