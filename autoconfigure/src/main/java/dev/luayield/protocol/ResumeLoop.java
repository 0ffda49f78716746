package dev.luayield.protocol;

import dev.luayield.LuaScriptException;
import dev.luayield.conversion.ValueWriter;
import dev.luayield.engine.LuaCompileException;
import dev.luayield.engine.LuaStack;
import dev.luayield.engine.LuaVm;
import dev.luayield.sandbox.LimitMessages;
import dev.luayield.sandbox.SandboxRequest;
import dev.luayield.sandbox.TrampolineOutcome;
import org.jspecify.annotations.Nullable;

/**
 * The heart of the coroutine protocol, the one loop for live runs and replays. A script's
 * endpoint call yields {@code (REQ, id, args...)}; the loop hands it to a
 * {@link RequestHandler} (the live dispatcher, or a replay), resumes the script with the
 * reply or with {@code (ERR, message)} which the script's proxy raises at the calling
 * line, and serves the sandbox's own requests itself. When the chunk is done it decides
 * the {@link Outcome} and leaves the state fit for the next invocation, or marked for the
 * pool to destroy.
 *
 * @since 0.1.0
 */
public final class ResumeLoop {

	private final ValueWriter writer;

	private final LuaVm.ModuleSource modules;

	/**
	 * Creates a loop.
	 * @param writer converts the script's arguments for Lua
	 * @param modules supplies the modules scripts {@code require}
	 */
	public ResumeLoop(ValueWriter writer, LuaVm.ModuleSource modules) {
		this.writer = writer;
		this.modules = modules;
	}

	/**
	 * Runs a compiled chunk to its end on the state's coroutine.
	 * @param invocation the invocation
	 * @param handler answers its endpoint calls
	 * @return how it ended; when {@link Outcome#COMPLETED completed}, the chunk's results
	 * are on the coroutine's stack from index 2
	 * @throws dev.luayield.engine.LuaConversionException if an argument cannot be
	 * converted for Lua (the chunk has not started)
	 */
	public Outcome run(Invocation invocation, RequestHandler handler) {
		LuaVm vm = invocation.vm();
		LuaStack stack = vm.threadStack();
		Object[] args = invocation.arguments();
		long timeout = invocation.timeoutNanos();
		long deadline = System.nanoTime() + timeout;
		stack.resetBudget(vm.conversionBudget(), (timeout > 0) ? deadline : 0);
		int fixed = vm.beginInvocation(invocation.chunk(), timeout, deadline, invocation.grant(), args.length);
		for (int i = 0; i < args.length; i++) {
			this.writer.push(stack, args[i], "arg " + (i + 1));
		}
		vm.startInvocation((timeout > 0) ? deadline : 0);
		boolean watched = vm.isWatched();
		boolean expired = false;
		Request request = new Request(invocation, stack);
		int status = vm.resume(args.length + fixed);
		while (status == LuaVm.LUA_YIELD) {
			int results;
			int id = vm.resumedCode();
			request.next(vm.resumedTop(), id);
			if (timeout > 0 && (watched ? vm.watchdogSawDeadlinePass() : System.nanoTime() - deadline > 0)) {
				// Past the deadline nothing more is done for the script: the call is
				// refused at
				// its line, and the invocation ends as a timeout whatever the script does
				// next.
				expired = true;
				results = request.fail(invocation.timeLimitMessage(), null);
			}
			else {
				results = (id > 0) ? handler.serve(request) : serveSandbox(id, request, handler);
				if (request.fatal() != null) {
					vm.replaceThread();
					return new Outcome.Fatal(request.failureMessage(), request.fatal());
				}
			}
			status = vm.resume(results);
		}
		return outcome(status, invocation, request, expired);
	}

	private Outcome outcome(int status, Invocation invocation, Request request, boolean expired) {
		LuaVm vm = invocation.vm();
		LuaStack stack = vm.threadStack();
		if (status == LuaVm.INTERRUPTED) {
			// The watchdog ended a script the compiled checks could not: its coroutine is
			// dead or suspended wherever the hook struck, and the state is not worth
			// trusting.
			vm.replaceThread();
			vm.markBroken();
			return new Outcome.Timeout(invocation.timeLimitMessage());
		}
		if (status != LuaVm.LUA_OK) {
			// The coroutine itself died: the error struck outside the trampoline's
			// protection
			// (LuaJIT's own out-of-memory, say), so the state may be left half-way.
			String message = vm.describeTop();
			vm.replaceThread();
			vm.markBroken();
			if (status == LuaVm.LUA_ERRMEM || vm.exceededMemoryLimit()) {
				return new Outcome.MemoryLimit(memoryMessage(message));
			}
			return new Outcome.ScriptError(message);
		}
		TrampolineOutcome returned = TrampolineOutcome.of(vm.resumedCode());
		// The allocator's flag outranks what the trampoline says: a script can swallow
		// LuaJIT's memory error with pcall, but not the flag.
		TrampolineOutcome code = vm.exceededMemoryLimit() ? TrampolineOutcome.MEMORY : returned;
		if (code == TrampolineOutcome.DONE && !expired) {
			return Outcome.COMPLETED;
		}
		String message = (returned != TrampolineOutcome.DONE) ? stack.toJavaString(2)
				: (code == TrampolineOutcome.MEMORY) ? null : invocation.timeLimitMessage();
		stack.setTop(0);
		if (expired || code == TrampolineOutcome.TIMEOUT) {
			// Conservative: the state is fine as far as anyone knows, but a fresh one
			// costs a
			// millisecond and a timeout is rare.
			vm.markBroken();
			return new Outcome.Timeout(message);
		}
		if (code == TrampolineOutcome.MEMORY) {
			vm.markBroken();
			return new Outcome.MemoryLimit(memoryMessage(message));
		}
		Throwable cause = request.failureCause();
		if (code == TrampolineOutcome.ENDPOINT_ERROR && cause != null) {
			return new Outcome.EndpointFailure(message, cause);
		}
		return new Outcome.ScriptError(message);
	}

	/**
	 * The limit's own message, or LuaJIT's "not enough memory" raised where the sandbox
	 * could not add it, said as the limit.
	 */
	private static String memoryMessage(@Nullable String message) {
		String limit = LimitMessages.MEMORY_LIMIT;
		if (message == null || message.contains(limit)) {
			return (message != null) ? message : limit;
		}
		return limit + " (" + message + ")";
	}

	/**
	 * Requests from the sandbox itself: print, require, and a method the script's proxy
	 * lacks (the endpoint has no such method, or the grant leaves it out).
	 */
	private int serveSandbox(int id, Request request, RequestHandler handler) {
		LuaStack stack = request.stack();
		SandboxRequest kind = SandboxRequest.of(id);
		if (kind == null) {
			return request.fail("no endpoint method has id " + id, null);
		}
		if (kind == SandboxRequest.NO_SUCH_METHOD) {
			return request.fail(handler.noSuchMethod(request, stack.toJavaString(3), stack.toJavaString(4)), null);
		}
		String text = stack.toJavaString(3);
		stack.setTop(0);
		if (kind == SandboxRequest.PRINT) {
			ScriptOutput.print(request.invocation().scriptName(), text);
			return 0;
		}
		try {
			request.vm().pushModule(stack, text, this.modules);
			return 1;
		}
		catch (LuaCompileException | LuaScriptException ex) {
			// As for any failed call, the script's require fails, and it may catch that.
			return request.fail("module '" + text + "' not found or invalid: " + ex.getMessage(), null);
		}
	}

}
