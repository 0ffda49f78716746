package dev.luayield.transaction;

import java.time.Duration;
import java.util.function.Supplier;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.runtime.InvocationInterceptor;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each invocation, its whole resume loop included, as one unit of work: inside the
 * caller's transaction when there is one (propagation REQUIRED by default), otherwise in a
 * new one committed when the script returns. Every endpoint call of the invocation runs
 * on the thread that owns the transaction, so they share one persistence context.
 * <p>
 * An exception that ends the script rolls everything back. A script that caught an
 * endpoint error and finished normally still commits, unless the endpoint's own
 * transactional proxy marked the transaction rollback-only: then the caller gets a
 * {@link LuaScriptException} that says so, instead of a commit that silently does not
 * happen (or Spring's {@code UnexpectedRollbackException} at some outer boundary).
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
	public Object intercept(String scriptName, LuaOptions options, Supplier<Object> invocation) {
		TransactionTemplate template = new TransactionTemplate(this.transactionManager, definition(options));
		return template.execute((status) -> {
			Object result = invocation.get();
			if (status.isRollbackOnly()) {
				throw new LuaScriptException(scriptName, -1, scriptName
						+ ": the script finished, but its transaction was marked rollback-only (an endpoint's own"
						+ " transactional method failed and the script caught the error), so none of its changes"
						+ " were committed", null);
			}
			return result;
		});
	}

	private TransactionDefinition definition(LuaOptions options) {
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		definition.setName("lua");
		definition.setPropagationBehavior((options.getPropagation() != null) ? options.getPropagation()
				: TransactionDefinition.PROPAGATION_REQUIRED);
		definition.setIsolationLevel(
				(options.getIsolation() != null) ? options.getIsolation() : this.defaults.isolation());
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
	 * @param isolation the isolation level, one of {@code TransactionDefinition.ISOLATION_*}
	 * @param timeout the transaction timeout, or {@code null} for the transaction
	 * manager's default
	 */
	public record Defaults(boolean readOnly, int isolation, Duration timeout) {

		/**
		 * Returns read-write transactions at the database's default isolation, with no
		 * timeout of their own.
		 * @return the defaults
		 */
		public static Defaults standard() {
			return new Defaults(false, TransactionDefinition.ISOLATION_DEFAULT, null);
		}

	}

}
