package dev.luayield.runner;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.luayield.InvocationInterceptor;
import dev.luayield.LuaOptions;
import dev.luayield.LuaPoolExhaustedException;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaTimeoutException;
import dev.luayield.LuaTrace;
import dev.luayield.ScriptInvocation;
import dev.luayield.conversion.ValueReader;
import dev.luayield.conversion.ValueReaders;
import dev.luayield.conversion.ValueWriter;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.endpoint.EndpointCallObserver;
import dev.luayield.engine.LuaCompileException;
import dev.luayield.engine.LuaConversionException;
import dev.luayield.engine.LuaStack;
import dev.luayield.engine.LuaVm;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.protocol.EndpointDispatcher;
import dev.luayield.protocol.Invocation;
import dev.luayield.protocol.Outcome;
import dev.luayield.protocol.ResumeLoop;
import dev.luayield.protocol.TraceValues;
import dev.luayield.sandbox.Grant;
import dev.luayield.scripts.ScriptRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * The {@link LuaScriptRunner}: borrows a Lua state, runs the script through the
 * {@link ResumeLoop} inside the {@link InvocationInterceptor}, converts the result and
 * returns the state, or destroys it when the invocation left it in doubt.
 */
final class DefaultLuaScriptRunner implements LuaScriptRunner {

	private static final Pattern LINE = Pattern.compile("^([^\\n]*?):(\\d+): ");

	/**
	 * How many states of this runner's pool the current thread holds, shared by every
	 * runner {@link #with(LuaOptions)} derives: a nested invocation that draws on another
	 * pool cannot wait for a state this thread holds here.
	 */
	private final ThreadLocal<int[]> held;

	private final LuaThreadPool pool;

	private final ScriptRepository scripts;

	private final ResumeLoop loop;

	private final Supplier<EndpointDispatcher> dispatcher;

	private final ValueReaders readers;

	private final RunnerSettings settings;

	private final InvocationInterceptor interceptor;

	private final LuaOptions options;

	/**
	 * The grants of this runner and every runner derived from it, resolved once each.
	 */
	private final Grants grants;

	/** The grant the options carry, or {@code null} when they carry none. */
	private final @Nullable Grant optionsGrant;

	/**
	 * Creates a runner. {@link LuaYield.Builder} is the one caller: it sees to it that
	 * the runner and the pool's states share one dispatch table.
	 * @param pool the pool of Lua states
	 * @param scripts where named scripts come from
	 * @param dispatchTable supplies the endpoints (asked on first use)
	 * @param readers converts script results to requested types
	 * @param writer converts Java values for Lua
	 * @param settings limits that apply to every invocation
	 * @param interceptor wraps every invocation (transactions, observations)
	 * @param observer watches every endpoint call, or {@code null}
	 */
	DefaultLuaScriptRunner(LuaThreadPool pool, ScriptRepository scripts, Supplier<DispatchTable> dispatchTable,
			ValueReaders readers, ValueWriter writer, RunnerSettings settings, InvocationInterceptor interceptor,
			@Nullable EndpointCallObserver observer) {
		this(pool, scripts, new ResumeLoop(writer, scripts::moduleSource),
				SingletonSupplier.of(() -> new EndpointDispatcher(dispatchTable.get(), writer, observer)), readers,
				settings, interceptor, LuaOptions.defaults(), ThreadLocal.withInitial(() -> new int[1]),
				new Grants(dispatchTable, Map.of()), null);
	}

	private DefaultLuaScriptRunner(LuaThreadPool pool, ScriptRepository scripts, ResumeLoop loop,
			Supplier<EndpointDispatcher> dispatcher, ValueReaders readers, RunnerSettings settings,
			InvocationInterceptor interceptor, LuaOptions options, ThreadLocal<int[]> held, Grants grants,
			@Nullable Grant optionsGrant) {
		this.held = held;
		this.pool = pool;
		this.scripts = scripts;
		this.loop = loop;
		this.dispatcher = dispatcher;
		this.readers = readers;
		this.settings = settings;
		this.interceptor = interceptor;
		this.options = options;
		this.grants = grants;
		this.optionsGrant = optionsGrant;
	}

	/**
	 * Returns a runner like this one whose named scripts run with the configured grants
	 * ({@code lua.permissions.*}): a script runs with the grant of the longest prefix of
	 * its name, on whole path segments ({@code mods} applies to {@code mods} and
	 * {@code mods/...}, not to {@code modsX}), and {@code eval} applies to
	 * {@link #eval(String, Object...)}. A grant in the caller's {@link LuaOptions}
	 * replaces the configured one; with neither, a script may call every endpoint.
	 * @param permissions the endpoints ({@code world}) and methods
	 * ({@code clinic.find_owners}, {@code dice.*}) granted, by script prefix
	 * @return the runner; the names are checked against the endpoints on first use, or by
	 * {@link #checkPermissions()}
	 * @throws IllegalArgumentException if a prefix is blank
	 */
	public DefaultLuaScriptRunner withPermissions(Map<String, List<String>> permissions) {
		return new DefaultLuaScriptRunner(this.pool, this.scripts, this.loop, this.dispatcher, this.readers,
				this.settings, this.interceptor, this.options, this.held, new Grants(this.grants.table(), permissions),
				null);
	}

	/**
	 * Resolves the configured grants against the endpoints now, as the start-up check
	 * does, so that one naming an unknown endpoint or method fails the start.
	 * @throws IllegalArgumentException naming the property, the unknown name and the
	 * endpoints there are
	 */
	public void checkPermissions() {
		this.grants.checkConfigured();
	}

	/**
	 * Returns the configured grants, by script prefix.
	 * @return the permissions, as configured
	 */
	public Map<String, List<String>> getPermissions() {
		return this.grants.permissions();
	}

	@Override
	public Object run(String script, Object... args) {
		return run(script, Object.class, args);
	}

	@Override
	public <T> T run(String script, Class<T> type, Object... args) {
		this.scripts.checkName(script);
		return invoke(script, script + ".lua", type, args, (vm) -> vm.script(script, this.scripts));
	}

	@Override
	public Object eval(String source, Object... args) {
		return eval(source, Object.class, args);
	}

	@Override
	public <T> T eval(String source, Class<T> type, Object... args) {
		if (source == null) {
			throw new LuaScriptException("eval", -1, "eval: source is null", null);
		}
		return invoke("eval", "eval", type, args, new Compiler() {

			@Override
			public int compile(LuaVm vm) {
				return vm.eval(source);
			}

			@Override
			public void failed(LuaVm vm) {
				// A chunk that failed is likely to fail again, and may be large: it
				// must not keep memory the next invocation on this state would pay for.
				vm.forgetEval(source);
			}

		});
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException if the options grant an endpoint or method that
	 * does not exist: the dispatch table is asked for then, and each grant is resolved
	 * once
	 */
	@Override
	public LuaScriptRunner with(LuaOptions options) {
		Grant grant = options.hasGrant() ? this.grants.forOptions(options) : null;
		return new DefaultLuaScriptRunner(this.pool, this.scripts, this.loop, this.dispatcher, this.readers,
				this.settings, this.interceptor, options, this.held, this.grants, grant);
	}

	private interface Compiler {

		int compile(LuaVm vm);

		default void failed(LuaVm vm) {
		}

	}

	@SuppressWarnings("unchecked")
	private <T> T invoke(String scriptName, String chunkDisplayName, Class<T> type, Object[] args, Compiler compiler) {
		Object[] arguments = (args != null) ? args : new Object[0];
		Grant grant = this.options.hasGrant() ? this.optionsGrant : this.grants.forScript(scriptName);
		Run run = new Run(scriptName, chunkDisplayName, type, arguments, compiler, grant);
		try {
			return (T) this.interceptor.intercept(scriptName, this.options, run);
		}
		finally {
			// An interceptor that prepared and then did not run (its
			// transaction could not begin, say) must not keep the state.
			run.releaseUnused();
		}
	}

	/**
	 * One invocation: prepared (state borrowed, chunk compiled) at most once, run at most
	 * once, its state returned exactly once.
	 */
	private final class Run implements ScriptInvocation {

		private final String scriptName;

		private final String chunkDisplayName;

		private final Class<?> type;

		private final Object[] args;

		private final Compiler compiler;

		private final @Nullable Grant grant;

		private LuaVm vm;

		/** This thread's count of held states, once the state is borrowed. */
		private int[] held;

		private int chunk;

		private boolean ran;

		private boolean succeeded;

		Run(String scriptName, String chunkDisplayName, Class<?> type, Object[] args, Compiler compiler,
				@Nullable Grant grant) {
			this.scriptName = scriptName;
			this.chunkDisplayName = chunkDisplayName;
			this.type = type;
			this.args = args;
			this.compiler = compiler;
			this.grant = grant;
		}

		@Override
		public @Nullable List<String> getGrant() {
			return (this.grant != null) ? this.grant.names() : null;
		}

		@Override
		public void prepare() {
			if (this.vm != null) {
				return;
			}
			if (this.ran) {
				throw new IllegalStateException("an invocation runs once");
			}
			// Built on first use: asking for the dispatcher is asking for the dispatch
			// table.
			DefaultLuaScriptRunner.this.dispatcher.get();
			// One lookup of the thread's count per invocation: it is read, raised and
			// lowered again, all on this thread.
			int[] held = DefaultLuaScriptRunner.this.held.get();
			LuaVm borrowed = borrow(this.scriptName, held[0]);
			this.held = held;
			held[0]++;
			boolean compiled = false;
			try {
				this.chunk = this.compiler.compile(borrowed);
				compiled = true;
			}
			catch (LuaCompileException ex) {
				throw failure(this.scriptName, this.chunkDisplayName, ex.getMessage(), null);
			}
			finally {
				if (compiled) {
					this.vm = borrowed;
				}
				else {
					release(borrowed, held, false, this.compiler);
				}
			}
		}

		@Override
		public Object get() {
			prepare();
			this.ran = true;
			LuaVm borrowed = this.vm;
			this.vm = null;
			try {
				Object result = execute(this.scriptName, this.chunkDisplayName, this.type, this.args, borrowed,
						this.chunk, this.grant);
				this.succeeded = true;
				return result;
			}
			finally {
				release(borrowed, this.held, this.succeeded, this.compiler);
			}
		}

		void releaseUnused() {
			if (this.vm != null) {
				LuaVm unused = this.vm;
				this.vm = null;
				// It compiled: nothing to forget.
				release(unused, this.held, true, this.compiler);
			}
		}

	}

	private void release(LuaVm vm, int[] held, boolean succeeded, Compiler compiler) {
		held[0]--;
		try {
			vm.endInvocation();
			if (!succeeded && vm.isUsable()) {
				compiler.failed(vm);
			}
		}
		finally {
			this.pool.release(vm);
		}
	}

	private Object execute(String scriptName, String chunkDisplayName, Class<?> type, Object[] args, LuaVm vm,
			int chunk, @Nullable Grant grant) {
		Duration timeout = (this.options.getTimeout() != null) ? this.options.getTimeout() : this.settings.timeout();
		LuaTrace trace = this.options.getTrace();
		Invocation invocation = new Invocation(scriptName, chunkDisplayName, vm, chunk, args, this.settings.maxCalls(),
				(timeout != null) ? timeout.toNanos() : 0, trace, grant);
		if (trace != null) {
			trace.begin(scriptName, Arrays.asList(args), (grant != null) ? grant.names() : null);
		}
		Outcome outcome;
		try {
			outcome = this.loop.run(invocation, this.dispatcher.get());
		}
		catch (LuaConversionException ex) {
			throw new LuaScriptException(scriptName, -1, chunkDisplayName + ": arguments: " + ex.getMessage(), null);
		}
		catch (RuntimeException | Error ex) {
			// Something outside the protocol failed mid-run (an observer, say): the
			// coroutine
			// may be suspended halfway, and resuming it later would continue this script.
			vm.markBroken();
			throw ex;
		}
		if (outcome instanceof Outcome.Completed) {
			LuaStack stack = vm.threadStack();
			// Copied before the result is read, which empties the stack; recorded only
			// after:
			// a result that cannot leave Lua fails the invocation, and the trace must say
			// so.
			Object traced = (trace != null && vm.resumedTop() > 1) ? TraceValues.copy(stack, 2, "result") : null;
			Object result;
			try {
				result = result(vm, scriptName, chunkDisplayName, type);
			}
			catch (LuaScriptException ex) {
				if (trace != null) {
					// The copy stays: it shows what the script tried to return.
					trace.end(traced, ex.getMessage());
				}
				throw ex;
			}
			if (trace != null) {
				trace.end(traced, null);
			}
			return result;
		}
		String message = outcome.message();
		if (trace != null) {
			trace.end(null, message);
		}
		if (outcome instanceof Outcome.Timeout) {
			throw new LuaTimeoutException(scriptName, lineOf(message, chunkDisplayName), message);
		}
		Throwable cause = (outcome instanceof Outcome.EndpointFailure failure) ? failure.cause()
				: (outcome instanceof Outcome.Fatal fatal) ? fatal.error() : null;
		throw failure(scriptName, chunkDisplayName, message, cause);
	}

	private Object result(LuaVm vm, String scriptName, String chunkDisplayName, Class<?> type) {
		LuaStack stack = vm.threadStack();
		// Read within the budget and deadline the resume loop set for this invocation.
		stack.budget.start();
		try {
			// The trampoline's outcome sits at 1, the script's results from 2.
			if (vm.resumedTop() <= 1) {
				if (type.isPrimitive()) {
					throw new LuaConversionException("result expected " + type.getName() + ", got nothing");
				}
				return null;
			}
			if (type == Object.class) {
				return ValueReaders.readNatural(stack, 2, "result");
			}
			ValueReader reader;
			try {
				reader = this.readers.forClass(type);
			}
			catch (IllegalArgumentException ex) {
				throw new LuaConversionException("result cannot be converted: " + ex.getMessage());
			}
			return reader.read(stack, 2, "result");
		}
		catch (LuaConversionException ex) {
			throw new LuaScriptException(scriptName, -1, chunkDisplayName + ": " + ex.getMessage(), null);
		}
		finally {
			stack.setTop(0);
		}
	}

	private LuaVm borrow(String scriptName, int held) {
		int maxTotal = this.pool.getMaxTotal();
		if (held > 0 && maxTotal > 0 && held >= maxTotal) {
			throw new LuaPoolExhaustedException(scriptName,
					"nested invocation of '" + scriptName
							+ "' needs another Lua state, but this thread's outer invocations already hold all "
							+ maxTotal + " (lua.pool.max-total); it would wait for itself forever",
					null);
		}
		try {
			return this.pool.borrowObject();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LuaPoolExhaustedException(scriptName,
					"the thread was interrupted while it waited for a Lua state to run '" + scriptName + "'", ex);
		}
		catch (NoSuchElementException ex) {
			this.pool.recordExhaustion();
			throw new LuaPoolExhaustedException(scriptName,
					"no Lua state became free within " + this.pool.getMaxWaitDuration().toMillis() + " ms to run '"
							+ scriptName + "' (lua.pool.max-total=" + maxTotal + ", " + this.pool.getNumActive()
							+ " in use, lua.pool.max-wait=" + this.pool.getMaxWaitDuration() + ")",
					ex);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new LuaScriptException(scriptName, -1, "cannot create a Lua state: " + ex.getMessage(), ex);
		}
	}

	private static LuaScriptException failure(String scriptName, String chunkDisplayName, String message,
			Throwable cause) {
		return new LuaScriptException(scriptName, lineOf(message, chunkDisplayName), message, cause);
	}

	static int lineOf(String message, String chunkDisplayName) {
		Matcher matcher = LINE.matcher(message);
		if (matcher.find() && matcher.group(1).equals(chunkDisplayName)) {
			return Integer.parseInt(matcher.group(2));
		}
		return -1;
	}

	/**
	 * Limits that apply to every invocation.
	 *
	 * @param maxCalls how many endpoint calls one invocation may make
	 * @param timeout how long one invocation may run, or {@code null} for no limit
	 */
	record RunnerSettings(long maxCalls, @Nullable Duration timeout) {
	}

}
