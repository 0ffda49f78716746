package dev.luayield.protocol;

import java.util.ArrayList;
import java.util.List;

import dev.luayield.LuaTrace;
import dev.luayield.conversion.ValueReaders;
import dev.luayield.conversion.ValueWriter;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.endpoint.EndpointCallObserver;
import dev.luayield.endpoint.EndpointMethod;
import dev.luayield.engine.ConversionBudget;
import dev.luayield.engine.ConversionLimitException;
import dev.luayield.engine.LuaCompileException;
import dev.luayield.engine.LuaConversionException;
import dev.luayield.engine.LuaStack;
import dev.luayield.engine.LuaVm;
import party.iroiro.luajava.LuaNatives;

/**
 * The heart of the coroutine protocol. A script's endpoint call yields
 * {@code (REQ, id, args...)}; this loop looks the id up in the dispatch table, reads the
 * arguments, calls the bean method on the current thread, and resumes the script with the
 * result, or with {@code (ERR, message)} which the script's proxy raises as a Lua error
 * at the calling line. It knows nothing about any particular API.
 */
public final class ResumeLoop {

	private final DispatchTable table;

	private final ValueWriter writer;

	private final LuaVm.ModuleSource modules;

	private final EndpointCallObserver observer;

	public ResumeLoop(DispatchTable table, ValueWriter writer, LuaVm.ModuleSource modules,
			EndpointCallObserver observer) {
		this.table = table;
		this.writer = writer;
		this.modules = modules;
		this.observer = observer;
	}

	/** The loop stopped resuming: a Java {@link Error} ended the invocation. */
	public static final int ABORTED = -1;

	/**
	 * The sandbox request a proxy sends for a method its endpoint does not have, with the
	 * endpoint's global and the name called; answered with the error the script raises.
	 */
	static final int NO_SUCH_METHOD = -2;

	/**
	 * Runs a compiled chunk to its end on the state's coroutine.
	 * @return {@link LuaVm#LUA_OK} with the chunk's results on the thread's stack, or a
	 * Lua error status with the error value on top of it
	 */
	public int run(LuaVm vm, int chunkRef, Object[] args, Invocation invocation) {
		LuaStack stack = vm.threadStack();
		LuaNatives natives = vm.natives();
		long thread = stack.pointer;
		stack.setTop(0);
		invocation.deadlineNanos = System.nanoTime() + invocation.timeoutNanos;
		stack.resetBudget(vm.conversionBudget(), (invocation.timeoutNanos > 0) ? invocation.deadlineNanos : 0);
		stack.ensure(args.length + 4);
		int fixed = vm.pushInvocation(chunkRef, invocation.timeoutNanos, invocation.deadlineNanos);
		for (int i = 0; i < args.length; i++) {
			this.writer.push(stack, args[i], "arg " + (i + 1));
		}
		vm.startInvocation((invocation.timeoutNanos > 0) ? invocation.deadlineNanos : 0);
		invocation.watched = vm.isWatched();
		int status = vm.resume(args.length + fixed);
		while (status == LuaVm.LUA_YIELD) {
			int results = dispatch(stack, invocation);
			if (invocation.fatal != null) {
				return ABORTED;
			}
			status = vm.resume(results);
		}
		return status;
	}

	/**
	 * Serves one request. The yielded values sit at 1..top: the REQ marker, the method
	 * id, then the arguments. Leaves the reply on the stack and returns its size.
	 */
	private int dispatch(LuaStack stack, Invocation invocation) {
		if (invocation.timeoutNanos > 0 && (invocation.watched ? invocation.vm.watchdogSawDeadlinePass()
				: System.nanoTime() - invocation.deadlineNanos > 0)) {
			// Past the deadline nothing more is done for the script:
			// the call is refused at its line, and the invocation
			// ends as a timeout whatever the script does next.
			invocation.expired = true;
			return fail(stack, invocation,
					"luayield: the script exceeded its time limit of " + invocation.timeoutNanos / 1_000_000 + " ms",
					null);
		}
		int top = stack.top();
		int id = (int) stack.toNumber(2);
		if (id <= 0) {
			return serveSandbox(id, stack, invocation);
		}
		EndpointMethod method = this.table.get(id);
		if (method == null) {
			return fail(stack, invocation, "no endpoint method has id " + id, null);
		}
		if (++invocation.calls > invocation.maxCalls) {
			return fail(stack, invocation, method.getQualifiedName() + ": more than " + invocation.maxCalls
					+ " endpoint calls in one invocation (lua.limits.calls)", null);
		}
		LuaStack arguments = stack;
		int first = 3;
		int count = top - 2;
		if (!method.hasSimpleArguments()) {
			// Tables are walked on the scratch thread, whose stack can grow safely; the
			// coroutine's may be as full as LuaJIT allows (see LuaVm.scratchStack).
			arguments = invocation.vm.scratchStack();
			arguments.setTop(0);
			arguments.ensure(count);
			stack.moveTo(arguments, count);
			first = 1;
		}
		try {
			if (this.observer != null || invocation.trace != null) {
				return observed(method, stack, arguments, first, count, invocation);
			}
			return serve(method, stack, arguments, first, count, invocation);
		}
		finally {
			if (arguments != stack) {
				arguments.setTop(0);
			}
		}
	}

	/**
	 * Serves a call that is observed or traced: the fast path stays free of both.
	 */
	private int observed(EndpointMethod method, LuaStack stack, LuaStack argumentStack, int first, int count,
			Invocation invocation) {
		Object handle = (this.observer != null) ? this.observer.start(invocation.scriptName, method) : null;
		List<Object> arguments = (invocation.trace != null) ? naturalValues(argumentStack, first, first + count - 1)
				: null;
		long start = System.nanoTime();
		invocation.callFailed = false;
		Throwable thrown = null;
		int results = 0;
		try {
			results = serve(method, stack, argumentStack, first, count, invocation);
			return results;
		}
		catch (RuntimeException | Error ex) {
			thrown = ex;
			throw ex;
		}
		finally {
			String failure = null;
			Throwable exception = null;
			if (thrown != null) {
				failure = ResumeLoop.describe(thrown);
				exception = thrown;
			}
			else if (invocation.fatal != null) {
				failure = invocation.lastEndpointMessage;
				exception = invocation.fatal;
			}
			else if (invocation.callFailed) {
				failure = invocation.lastEndpointMessage;
				exception = invocation.lastEndpointFailure;
			}
			if (invocation.trace != null) {
				Object reply = (failure == null && results == 1) ? traceReply(stack, invocation.vm) : null;
				invocation.trace.record(new LuaTrace.Call(method.getQualifiedName(), arguments, reply, failure,
						System.nanoTime() - start));
			}
			if (handle != null) {
				this.observer.stop(handle, failure, exception);
			}
		}
	}

	/**
	 * Copies the reply on top of the coroutine's stack for the trace. A table is copied
	 * from the scratch thread: walking it takes stack room the suspended coroutine may
	 * not have (see LuaVm.scratchStack), and the one slot for the reference is free,
	 * since the request took at least two.
	 */
	private static Object traceReply(LuaStack stack, LuaVm vm) {
		int top = stack.top();
		if (stack.type(top) != LuaStack.TTABLE) {
			return traceCopy(stack, top, "reply");
		}
		LuaStack scratch = vm.scratchStack();
		scratch.setTop(0);
		stack.pushValue(top);
		stack.moveTo(scratch, 1);
		try {
			return traceCopy(scratch, 1, "reply");
		}
		finally {
			scratch.setTop(0);
		}
	}

	public static List<Object> naturalValues(LuaStack stack, int first, int last) {
		List<Object> values = new ArrayList<>();
		for (int i = first; i <= last; i++) {
			values.add(traceCopy(stack, i, "arg " + (i - first + 1)));
		}
		return values;
	}

	/**
	 * Copies a value for a trace. The trace keeps its copies for the whole invocation, so
	 * they share one budget per invocation; a copy that does not fit is recorded as a
	 * placeholder, and the call or result goes on to succeed or fail as it would without
	 * a trace.
	 */
	public static Object traceCopy(LuaStack stack, int index, String path) {
		ConversionBudget budget = stack.budget;
		budget.startTrace();
		try {
			return ValueReaders.readNatural(stack, index, path);
		}
		catch (ConversionLimitException ex) {
			return "<not recorded: " + ex.getMessage() + ">";
		}
		catch (LuaConversionException ex) {
			// A function or coroutine: the call will be rejected; record its type.
			return "<" + LuaStack.typeName(stack.type(index)) + ">";
		}
		finally {
			budget.endTrace();
		}
	}

	private int serve(EndpointMethod method, LuaStack stack, LuaStack arguments, int first, int count,
			Invocation invocation) {
		Object result;
		try {
			result = method.call(arguments, first, count);
		}
		catch (LuaConversionException ex) {
			return fail(stack, invocation, method.getQualifiedName() + ": " + ex.getMessage(), null);
		}
		catch (Error ex) {
			// A script must not be able to catch and carry on past a JVM error.
			invocation.fatal = ex;
			invocation.lastEndpointMessage = method.getQualifiedName() + ": " + describe(ex);
			return 0;
		}
		catch (Throwable ex) {
			return fail(stack, invocation, method.getQualifiedName() + ": " + describe(ex), ex);
		}
		// No setTop(0) first: lua_resume hands the coroutine only the
		// top `results` values (like a return), so the request below
		// them needs no clearing, which saves a JNI call per request.
		if (method.returnsVoid()) {
			return 0;
		}
		try {
			if (ValueWriter.isScalar(result)) {
				this.writer.push(stack, result);
			}
			else {
				// Built on the scratch thread, whose stack can grow safely,
				// then moved into the slots the request leaves free.
				LuaStack scratch = invocation.vm.scratchStack();
				scratch.setTop(0);
				this.writer.push(scratch, result);
				stack.setTop(0);
				scratch.moveTo(stack, 1);
			}
		}
		catch (LuaConversionException ex) {
			return fail(stack, invocation, method.getQualifiedName() + ": " + ex.getMessage(), null);
		}
		return 1;
	}

	/** Requests from the sandbox itself: print (id 0) and require (id -1). */
	private int serveSandbox(int id, LuaStack stack, Invocation invocation) {
		if (id == NO_SUCH_METHOD) {
			String endpoint = stack.toJavaString(3);
			String name = stack.toJavaString(4);
			return fail(stack, invocation, noSuchMethod(endpoint, name), null);
		}
		String text = stack.toJavaString(3);
		stack.setTop(0);
		if (id == 0) {
			invocation.print(text);
			return 0;
		}
		try {
			invocation.vm.pushModule(stack, text, this.modules);
			return 1;
		}
		catch (LuaCompileException | dev.luayield.LuaScriptException ex) {
			return fail(stack, invocation, "module '" + text + "' not found or invalid: " + ex.getMessage(), null);
		}
	}

	/**
	 * The message for a call to a method the endpoint does not have, with the name the
	 * script probably meant.
	 * @param endpoint the endpoint's Lua global
	 * @param name the name the script called
	 * @return the message
	 */
	public String noSuchMethod(String endpoint, String name) {
		String suggestion = this.table.suggest(endpoint, name);
		return endpoint + "." + name + ": no such method"
				+ ((suggestion != null) ? "; did you mean " + suggestion + "?" : "");
	}

	private static int fail(LuaStack stack, Invocation invocation, String message, Throwable cause) {
		invocation.callFailed = true;
		invocation.lastEndpointFailure = cause;
		invocation.lastEndpointMessage = message;
		// Every request yields at least the marker and an id, so the two slots the reply
		// needs are free once they are cleared: no push here can overflow the stack.
		stack.setTop(0);
		stack.pushLightUserdata(LuaVm.ERR);
		stack.pushString(message);
		return 2;
	}

	static String describe(Throwable ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
