package dev.luayield.protocol;

import dev.luayield.engine.LuaStack;
import dev.luayield.engine.LuaVm;
import org.jspecify.annotations.Nullable;

/**
 * The request a {@link RequestHandler} serves, and what the {@link ResumeLoop} keeps
 * about the run while it drives one invocation: one object per invocation, reused for
 * each of its requests, so that serving a call allocates nothing here.
 *
 * @since 0.1.0
 */
public final class Request {

	private final Invocation invocation;

	private final LuaStack stack;

	private int top;

	private int id;

	private long calls;

	private boolean failed;

	private @Nullable String failureMessage;

	private @Nullable Throwable failureCause;

	private @Nullable Error fatal;

	Request(Invocation invocation, LuaStack stack) {
		this.invocation = invocation;
		this.stack = stack;
	}

	void next(int top, int id) {
		this.top = top;
		this.id = id;
		this.failed = false;
	}

	/**
	 * Returns the invocation the request belongs to.
	 * @return the invocation
	 */
	public Invocation invocation() {
		return this.invocation;
	}

	/**
	 * Returns the state the invocation runs on.
	 * @return the state
	 */
	public LuaVm vm() {
		return this.invocation.vm();
	}

	/**
	 * Returns the coroutine's stack, holding the request at 1..{@link #top()}.
	 * @return the stack
	 */
	public LuaStack stack() {
		return this.stack;
	}

	/**
	 * Returns the method id the request carries: an endpoint method's (positive), or a
	 * {@link dev.luayield.sandbox.SandboxRequest}'s.
	 * @return the id
	 */
	public int id() {
		return this.id;
	}

	/**
	 * Returns the index of the request's last value.
	 * @return the top
	 */
	public int top() {
		return this.top;
	}

	/**
	 * Counts an endpoint call against the invocation's limit.
	 * @return whether the call is within {@link Invocation#maxCalls()}
	 */
	public boolean countCall() {
		return ++this.calls <= this.invocation.maxCalls();
	}

	/**
	 * Answers the request with an error, which the script's proxy raises at the calling
	 * line. If the chunk ends with that very error, the outcome is an
	 * {@link Outcome.EndpointFailure} with this cause.
	 * @param message the error
	 * @param cause the Java exception behind it, or {@code null}
	 * @return the size of the reply
	 */
	public int fail(String message, @Nullable Throwable cause) {
		this.failed = true;
		this.failureMessage = message;
		this.failureCause = cause;
		// Every request yields at least the marker and an id, so the two slots the reply
		// needs are free once they are cleared: no push here can overflow the stack.
		this.stack.setTop(0);
		this.stack.pushLightUserdata(LuaVm.ERR);
		this.stack.pushString(message);
		return 2;
	}

	/**
	 * Ends the invocation with a Java error: the script is not resumed, so it cannot
	 * catch the error and carry on.
	 * @param error the error
	 * @param message the endpoint and the error
	 * @return a reply size the loop ignores
	 */
	public int abort(Error error, String message) {
		this.fatal = error;
		this.failureMessage = message;
		return 0;
	}

	/**
	 * Returns whether this request was answered with an error or aborted the invocation.
	 * @return whether it failed
	 */
	public boolean failed() {
		return this.failed || this.fatal != null;
	}

	/**
	 * Returns the error the last failed request was answered with.
	 * @return the message, or {@code null} if none failed
	 */
	public @Nullable String failureMessage() {
		return this.failureMessage;
	}

	/**
	 * Returns the Java exception behind the last failed request.
	 * @return the cause, or {@code null}
	 */
	public @Nullable Throwable failureCause() {
		return (this.fatal != null) ? this.fatal : this.failureCause;
	}

	@Nullable Error fatal() {
		return this.fatal;
	}

}
