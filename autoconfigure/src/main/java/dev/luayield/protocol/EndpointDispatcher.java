package dev.luayield.protocol;

import java.util.List;
import java.util.Map;

import dev.luayield.LuaTrace;
import dev.luayield.conversion.ValueWriter;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.endpoint.EndpointCallObserver;
import dev.luayield.endpoint.EndpointMethod;
import dev.luayield.engine.LuaConversionException;
import dev.luayield.engine.LuaStack;
import dev.luayield.sandbox.Grant;
import org.jspecify.annotations.Nullable;

/**
 * Answers a live run's endpoint calls: looks the id up in the dispatch table, reads the
 * arguments, calls the bean method on the current thread, and leaves its converted result
 * as the reply. It knows nothing about any particular API.
 *
 * @since 0.1.0
 */
public final class EndpointDispatcher implements RequestHandler {

	private final DispatchTable table;

	private final ValueWriter writer;

	private final @Nullable EndpointCallObserver observer;

	/**
	 * Creates a dispatcher.
	 * @param table the endpoints
	 * @param writer converts results for Lua
	 * @param observer watches every call, or {@code null}
	 */
	public EndpointDispatcher(DispatchTable table, ValueWriter writer, @Nullable EndpointCallObserver observer) {
		this.table = table;
		this.writer = writer;
		this.observer = observer;
	}

	@Override
	public int serve(Request request) {
		LuaStack stack = request.stack();
		int top = request.top();
		int id = request.id();
		EndpointMethod method = this.table.get(id);
		if (method == null) {
			return request.fail("no endpoint method has id " + id, null);
		}
		Grant grant = request.invocation().grant();
		if (grant != null && !grant.allows(id)) {
			// The script's proxies offer only what is granted; this is for a request
			// that came by another way.
			return request.fail(grant.refusal(method.getQualifiedName()), null);
		}
		if (!request.countCall()) {
			return request.fail(method.getQualifiedName() + ": more than " + request.invocation().maxCalls()
					+ " endpoint calls in one invocation (lua.limits.calls)", null);
		}
		LuaStack arguments = stack;
		int first = 3;
		int count = top - 2;
		if (!method.hasSimpleArguments()) {
			// Tables are walked on the scratch thread, whose stack can grow safely; the
			// coroutine's may be as full as LuaJIT allows (see LuaVm.scratchStack).
			arguments = request.vm().scratchStack();
			stack.moveToEmpty(arguments, count);
			first = 1;
		}
		try {
			if (this.observer != null || request.invocation().trace() != null) {
				return observed(method, request, arguments, first, count);
			}
			return call(method, request, arguments, first, count);
		}
		finally {
			if (arguments != stack) {
				arguments.setTop(0);
			}
		}
	}

	@Override
	public String noSuchMethod(Request request, String endpoint, String name) {
		Grant grant = request.invocation().grant();
		Map<String, Integer> methods = this.table.idsByEndpoint().get(endpoint);
		if (grant == null || methods == null) {
			return noSuchMethod(endpoint, name);
		}
		Integer id = methods.get(name);
		if (id != null && !grant.allows(id)) {
			return grant.refusal(endpoint + "." + name);
		}
		// A suggestion outside the grant would only lead to that refusal.
		String suggestion = this.table.suggest(endpoint, name);
		return noSuchMethod(endpoint, name,
				(suggestion != null && grant.allows(methods.get(suggestion))) ? suggestion : null);
	}

	/**
	 * Returns the error for a call to a method the endpoint does not have, with the name
	 * the script probably meant, for an invocation without a grant.
	 * @param endpoint the endpoint's Lua global
	 * @param name the name the script called
	 * @return the message
	 */
	public String noSuchMethod(String endpoint, String name) {
		return noSuchMethod(endpoint, name, this.table.suggest(endpoint, name));
	}

	private static String noSuchMethod(String endpoint, String name, @Nullable String suggestion) {
		return RequestHandler.noSuchMethodMessage(endpoint, name)
				+ ((suggestion != null) ? "; did you mean " + suggestion + "?" : "");
	}

	/**
	 * Serves a call that is observed or traced: the fast path stays free of both.
	 */
	private int observed(EndpointMethod method, Request request, LuaStack argumentStack, int first, int count) {
		LuaTrace trace = request.invocation().trace();
		EndpointCallObserver.Call observation = (this.observer != null)
				? this.observer.start(request.invocation().scriptName(), method) : null;
		List<Object> arguments = (trace != null) ? TraceValues.copyAll(argumentStack, first, first + count - 1) : null;
		long start = System.nanoTime();
		Throwable thrown = null;
		int results = 0;
		try {
			results = call(method, request, argumentStack, first, count);
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
				failure = describe(thrown);
				exception = thrown;
			}
			else if (request.failed()) {
				failure = request.failureMessage();
				exception = request.failureCause();
			}
			if (trace != null) {
				Object reply = (failure == null && results == 1) ? traceReply(request) : null;
				trace.record(new LuaTrace.Call(method.getQualifiedName(), arguments, reply, failure,
						System.nanoTime() - start));
			}
			if (observation != null) {
				observation.stop(failure, exception);
			}
		}
	}

	/**
	 * Copies the reply on top of the coroutine's stack for the trace. A table is copied
	 * from the scratch thread: walking it takes stack room the suspended coroutine may
	 * not have (see LuaVm.scratchStack), and the one slot for the reference is free,
	 * since the request took at least two.
	 */
	private static Object traceReply(Request request) {
		LuaStack stack = request.stack();
		int top = stack.top();
		if (stack.type(top) != LuaStack.TTABLE) {
			return TraceValues.copy(stack, top, "reply");
		}
		LuaStack scratch = request.vm().scratchStack();
		scratch.setTop(0);
		stack.pushValue(top);
		stack.moveTo(scratch, 1);
		try {
			return TraceValues.copy(scratch, 1, "reply");
		}
		finally {
			scratch.setTop(0);
		}
	}

	private int call(EndpointMethod method, Request request, LuaStack arguments, int first, int count) {
		Object result;
		try {
			result = method.call(arguments, first, count);
		}
		catch (LuaConversionException ex) {
			return request.fail(method.getQualifiedName() + ": " + ex.getMessage(), null);
		}
		catch (Error ex) {
			// A script must not be able to catch and carry on past a JVM error.
			return request.abort(ex, method.getQualifiedName() + ": " + describe(ex));
		}
		catch (Throwable ex) {
			return request.fail(method.getQualifiedName() + ": " + describe(ex), ex);
		}
		// No setTop(0) first: lua_resume hands the coroutine only the top `results`
		// values
		// (like a return), so the request below them needs no clearing, which saves a JNI
		// call per request.
		if (method.returnsVoid()) {
			return 0;
		}
		LuaStack stack = request.stack();
		try {
			if (ValueWriter.isScalar(result)) {
				this.writer.push(stack, result);
			}
			else {
				// Built on the scratch thread, whose stack can grow safely, then moved
				// into the
				// slots the request leaves free.
				LuaStack scratch = request.vm().scratchStack();
				scratch.setTop(0);
				this.writer.push(scratch, result);
				stack.setTop(0);
				scratch.moveTo(stack, 1);
			}
		}
		catch (LuaConversionException ex) {
			return request.fail(method.getQualifiedName() + ": " + ex.getMessage(), null);
		}
		return 1;
	}

	static String describe(Throwable ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
