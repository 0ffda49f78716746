package dev.luayield;

import org.jspecify.annotations.Nullable;

/**
 * A Lua invocation failed: the script did not compile, raised an error, or an endpoint
 * error went uncaught. The message reads like Lua's own
 * ({@code combat/on_hit.lua:12: world.get_hp: arg 1 expected integer, got string}); when
 * a Java exception thrown by an endpoint method ended the script, it is the cause.
 * <p>
 * When the script had joined the caller's transaction, that transaction is marked
 * rollback-only and the message ends by saying so: the caller that catches this exception
 * cannot commit its own work either.
 *
 * @since 0.1.0
 */
public class LuaScriptException extends RuntimeException {

	private final String scriptName;

	private final int line;

	private volatile boolean callerRollbackOnly;

	/**
	 * Creates an exception for a failed invocation.
	 * @param scriptName the script (or {@code eval}) that failed
	 * @param line the Lua line where known, otherwise {@code -1}
	 * @param message the message
	 * @param cause the Java exception that ended the script, or {@code null}
	 */
	public LuaScriptException(String scriptName, int line, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.scriptName = scriptName;
		this.line = line;
	}

	/**
	 * Returns the name of the script that failed: its name under the script location, or
	 * {@code eval} for source text.
	 * @return the script name
	 */
	public String getScriptName() {
		return this.scriptName;
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		return this.callerRollbackOnly ? message + " (the caller's transaction was marked rollback-only: it cannot"
				+ " commit; catch the error with pcall in the script, or run the script in a transaction of its own"
				+ " with PROPAGATION_REQUIRES_NEW)" : message;
	}

	/**
	 * Records that the failure marked the caller's transaction rollback-only, which the
	 * message then says. Called by the transaction support.
	 */
	public void markCallerRollbackOnly() {
		this.callerRollbackOnly = true;
	}

	/**
	 * Returns whether the failure marked the caller's transaction rollback-only.
	 * @return whether the caller's transaction can no longer commit
	 */
	public boolean isCallerRollbackOnly() {
		return this.callerRollbackOnly;
	}

	/**
	 * Returns the Lua line the error points at.
	 * @return the line, or {@code -1} when unknown
	 */
	public int getLine() {
		return this.line;
	}

}
