package dev.luayield.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.luayield.sandbox.Grant;
import dev.luayield.sandbox.LimitMessages;
import dev.luayield.sandbox.LuaNames;
import dev.luayield.sandbox.LuaVmSettings;
import dev.luayield.sandbox.SandboxRequest;
import dev.luayield.sandbox.TrampolineOutcome;
import dev.luayield.scripts.ScriptRepository;
import org.jspecify.annotations.Nullable;
import party.iroiro.luajava.AbstractLua;
import party.iroiro.luajava.LuaNatives;
import party.iroiro.luajava.luajit.LuaJit;
import party.iroiro.luajava.luajit.LuaJitNatives;

/**
 * One LuaJIT state, ready to run scripts: the endpoint proxies and the sandbox built by
 * the prelude, the scripts compiled so far, and the coroutine that every invocation on
 * this state reuses. Not thread-safe: a state is used by one thread at a time, which is
 * what the pool guarantees.
 *
 * @since 0.1.0
 */
public final class LuaVm implements AutoCloseable {

	/** Marks an error reply from Java; scripts cannot make light userdata. */
	public static final long ERR = 1;

	/** Marks a host request among a coroutine's yields. */
	static final long REQ = 2;

	public static final int LUA_OK = 0;

	public static final int LUA_YIELD = 1;

	public static final int LUA_ERRMEM = 4;

	/**
	 * What {@link #resume(int)} returns when the watchdog interrupted the invocation: the
	 * coroutine is dead or suspended mid-script, and the invocation ended as a timeout.
	 */
	public static final int INTERRUPTED = -2;

	private static final byte[] PRELUDE = readResource("/dev/luayield/sandbox/prelude.lua");

	/** The sandbox's Lua modules, each one concern, wired by the prelude. */
	private static final List<String> SANDBOX_MODULES = List.of("limits", "instrument", "libraries", "patterns",
			"proxies", "coroutines", "sandbox", "require", "trampoline");

	private static final Map<String, byte[]> SANDBOX = readSandbox();

	/** How many record types' field names a state keeps in its registry. */
	private static final int MAX_FIELD_KEY_SETS = 1024;

	/** What {@link #beginInvocation} pushes besides the trampoline the resume calls. */
	private static final int INVOCATION_VALUES = 5;

	private final LuaJit main;

	private final LuaJitNatives natives;

	private final LuaStack mainStack;

	/** LuaJava asks for the registry's pseudo-index through JNI: asked once. */
	private final int registryIndex;

	/**
	 * Whether the resume loop's hot path goes through the native shim
	 * ({@link NativeCalls}) rather than LuaJava's bindings.
	 */
	private final boolean fastCalls;

	/**
	 * Whether the coroutine has not yet started an invocation, so that the next one hands
	 * the trampoline the coroutine itself: the sandbox tells its host coroutine from the
	 * script's own by it, and asking for it in Lua would cost a C call on every
	 * invocation.
	 */
	private boolean announceThread;

	/** What the last {@link #resume(int)} left: the stack top. */
	private int resumedTop;

	/** What the last {@link #resume(int)} left: the request's id, or the outcome. */
	private int resumedCode;

	private final int trampolineRef;

	/** The prelude's builder of what a grant lets an invocation see. */
	private final int grantBuilderRef;

	/**
	 * The grants this state has built proxies for, by {@link Grant#index()}, and the
	 * registry references of what each one's invocations see: built once per state and
	 * grant, then one array read per invocation.
	 */
	private @Nullable Grant[] grants = new Grant[0];

	private int[] grantRefs = new int[0];

	private final int statsRef;

	private final int fromHexRef;

	/**
	 * The prelude's clock less {@link System#nanoTime()}, measured when the state is
	 * made.
	 */
	private final long clockOffset;

	/** The prelude's compiler that adds limit checks. */
	private final int compileRef;

	private final Map<String, CompiledScript> scripts = new LinkedHashMap<>();

	/**
	 * Registry references of record field names, by the reader's array of them (one per
	 * record type), so that reading a field pushes no string.
	 */
	private final Map<String[], int[]> fieldKeys = new IdentityHashMap<>();

	private final Map<String, Integer> evalChunks;

	/**
	 * The hard memory limit, or {@code null} where the native shim is not available (then
	 * the prelude's checks between instructions are the only limit) or there is no limit.
	 */
	private final NativeMemoryLimit memoryLimit;

	/**
	 * The native shim, also where there is no memory limit (the watchdog needs it), or
	 * {@code null} where it is not available.
	 */
	private final NativeMemoryLimit shim;

	/** The state's entry with the {@link Watchdog}, or {@code null} without one. */
	private final Watchdog.Watch watch;

	private AbstractLua thread;

	private LuaStack threadStack;

	/**
	 * A thread that only ever holds values Java converts: tables an endpoint reads or
	 * returns are built and read here, not on the invocation's coroutine. The coroutine
	 * is suspended at the script's call, its stack possibly as full as LuaJIT allows, and
	 * growing a suspended coroutine's stack past that limit corrupts it; this thread
	 * never runs code, so growing it is safe and its failure is a plain refusal.
	 */
	private long scratch;

	private LuaStack scratchStack;

	private final long conversionBudget;

	private boolean broken;

	private boolean closed;

	/**
	 * Creates a state whose proxies send the given ids, whoever answers them (the resume
	 * loop, or a replay of a recorded trace).
	 * @throws IllegalArgumentException if an endpoint or method name is not a Lua
	 * identifier
	 */
	public LuaVm(Map<String, Map<String, Integer>> idsByEndpoint, LuaVmSettings settings) {
		this(idsByEndpoint, settings, true);
	}

	/**
	 * Creates a state, choosing how the resume loop's hot path reaches LuaJIT, so that
	 * tests can hold the two ways against each other.
	 * @param nativeCalls through the native shim where it is available, otherwise through
	 * LuaJava's bindings
	 */
	LuaVm(Map<String, Map<String, Integer>> idsByEndpoint, LuaVmSettings settings, boolean nativeCalls) {
		this.fastCalls = nativeCalls && NativeCalls.isAvailable();
		checkNames(idsByEndpoint);
		this.main = new LuaJit();
		this.natives = (LuaJitNatives) this.main.getLuaNatives();
		this.mainStack = new LuaStack(this.natives, this.main.getPointer(), new Strings(), this.fastCalls);
		this.registryIndex = this.natives.getRegistryIndex();
		this.conversionBudget = ConversionBudget.forMemoryLimit(settings.memoryLimit());
		this.evalChunks = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
				if (size() > settings.evalCacheSize()) {
					LuaVm.this.main.unref(eldest.getValue());
					return true;
				}
				return false;
			}
		};
		try {
			this.main.openLibraries();
			boolean watched = Watchdog.isAvailable();
			// Without a memory limit the shim only counts,
			// never armed, for the watchdog's sake.
			this.shim = ((settings.memoryLimit() > 0 || watched) && NativeMemoryLimit.isAvailable())
					? NativeMemoryLimit.install(this.main.getPointer(), memoryInUse(),
							(settings.memoryLimit() > 0) ? settings.memoryLimit() : Long.MAX_VALUE)
					: null;
			this.memoryLimit = (settings.memoryLimit() > 0) ? this.shim : null;
			loadChunk(this.mainStack, PRELUDE, "=luayield/prelude");
			pushEndpoints(idsByEndpoint);
			pushSettings(settings);
			this.mainStack.pushLightUserdata(REQ);
			this.mainStack.pushLightUserdata(ERR);
			pushSandboxModules();
			this.main.pCall(5, 1);
			this.trampolineRef = refField("trampoline");
			this.grantBuilderRef = refField("grant");
			this.statsRef = refField("stats");
			this.fromHexRef = refField("from_hex");
			this.clockOffset = measureClockOffset();
			this.compileRef = refField("compile");
			this.main.pop(1);
			newThread();
			this.watch = (watched && this.shim != null) ? Watchdog.watch(this.shim) : null;
		}
		catch (RuntimeException ex) {
			closeMemoryLimit();
			this.main.close();
			throw new IllegalStateException("Could not set up a Lua state: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The prelude writes endpoint names into Lua source it compiles with the real
	 * globals, so a name that is not an identifier would be code; the dispatch table
	 * checks live endpoints, but a replayed trace's names come from a file.
	 */
	private static void checkNames(Map<String, Map<String, Integer>> idsByEndpoint) {
		for (Map.Entry<String, Map<String, Integer>> endpoint : idsByEndpoint.entrySet()) {
			if (!LuaNames.isIdentifier(endpoint.getKey())) {
				throw new IllegalArgumentException("endpoint name '" + endpoint.getKey() + "' is not a Lua identifier");
			}
			for (String method : endpoint.getValue().keySet()) {
				if (!LuaNames.isIdentifier(method)) {
					throw new IllegalArgumentException(
							"method name '" + endpoint.getKey() + "." + method + "' is not a Lua identifier");
				}
			}
		}
	}

	/**
	 * Measures how far the prelude's monotonic clock is from {@link System#nanoTime()}.
	 * Both read the same monotonic clock on the platforms LuaJava supports, so the offset
	 * only corrects for a different origin; the read with the shortest window wins.
	 */
	private long measureClockOffset() {
		this.main.getField(-1, "clock");
		int clock = this.main.getTop();
		long offset = 0;
		long window = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			this.main.pushValue(clock);
			long before = System.nanoTime();
			this.main.pCall(0, 1);
			long after = System.nanoTime();
			long lua = (long) this.main.toNumber(-1);
			this.main.pop(1);
			if (after - before < window) {
				window = after - before;
				offset = lua - (before + window / 2);
			}
		}
		this.main.pop(1);
		return offset;
	}

	private int refField(String name) {
		this.main.getField(-1, name);
		return this.main.ref();
	}

	private void pushEndpoints(Map<String, Map<String, Integer>> endpoints) {
		this.main.createTable(0, endpoints.size());
		for (Map.Entry<String, Map<String, Integer>> endpoint : endpoints.entrySet()) {
			this.main.createTable(0, endpoint.getValue().size());
			for (Map.Entry<String, Integer> method : endpoint.getValue().entrySet()) {
				this.main.push(method.getValue());
				this.main.setField(-2, method.getKey());
			}
			this.main.setField(-2, endpoint.getKey());
		}
	}

	private void pushSettings(LuaVmSettings settings) {
		this.main.createTable(0, 11);
		List<String> allowed = settings.allowedLibraries();
		this.main.createTable(allowed.size(), 0);
		for (int i = 0; i < allowed.size(); i++) {
			this.main.push(allowed.get(i));
			this.main.rawSetI(-2, i + 1);
		}
		this.main.setField(-2, "allowed_libraries");
		// Scripts are always compiled with limit checks, so that a time limit given
		// to one invocation applies even where the configured limits are off.
		this.main.push((settings.limitCheckInterval() > 0) ? settings.limitCheckInterval()
				: LuaVmSettings.DEFAULT_LIMIT_CHECK_INTERVAL);
		this.main.setField(-2, "timeout_hook_interval");
		this.main.push(settings.memoryLimit());
		this.main.setField(-2, "memory_limit");
		this.main.push(settings.jit());
		this.main.setField(-2, "jit");
		if (this.memoryLimit != null) {
			// Addresses fit a Lua number exactly (user space is far below 2^53).
			this.main.push((double) this.memoryLimit.flagAddress());
			this.main.setField(-2, "memory_flag");
		}
		this.main.push(settings.maxNesting());
		this.main.setField(-2, "max_nesting");
		this.main.createTable(0, SandboxRequest.values().length);
		for (SandboxRequest request : SandboxRequest.values()) {
			this.main.push(request.id());
			this.main.setField(-2, request.name());
		}
		this.main.setField(-2, "requests");
		this.main.createTable(0, TrampolineOutcome.values().length);
		for (TrampolineOutcome outcome : TrampolineOutcome.values()) {
			this.main.push(outcome.code());
			this.main.setField(-2, outcome.name());
		}
		this.main.setField(-2, "outcomes");
		this.main.createTable(0, 2);
		this.main.push(LimitMessages.TIME_LIMIT);
		this.main.setField(-2, "TIME_LIMIT");
		this.main.push(LimitMessages.MEMORY_LIMIT);
		this.main.setField(-2, "MEMORY_LIMIT");
		this.main.setField(-2, "messages");
	}

	private void newThread() {
		this.thread = this.main.newThread();
		// luaJ_newthread leaves the thread on the
		// main stack; the registry keeps it alive.
		this.main.pop(1);
		this.threadStack = new LuaStack(this.natives, this.thread.getPointer(), new Strings(), this.fastCalls);
		this.announceThread = true;
		if (this.scratch == 0) {
			// Made with the plain C API and kept by a registry reference for the
			// state's life: LuaJava need not track a thread that never runs code.
			this.scratch = this.natives.lua_newthread(this.mainStack.pointer);
			this.natives.luaL_ref(this.mainStack.pointer, this.registryIndex);
		}
		this.scratchStack = new LuaStack(this.natives, this.scratch, new Strings(), this.fastCalls,
				this.threadStack.budget);
	}

	public LuaStack scratchStack() {
		return this.scratchStack;
	}

	/**
	 * Replaces the coroutine after an invocation left it dead (an error ends a coroutine
	 * for good). The old one is closed so that LuaJava forgets it.
	 */
	public void replaceThread() {
		this.thread.close();
		newThread();
	}

	public LuaStack threadStack() {
		return this.threadStack;
	}

	/**
	 * Returns how much one conversion between this state and Java may copy, see
	 * {@link ConversionBudget}.
	 * @return the budget in units
	 */
	public long conversionBudget() {
		return this.conversionBudget;
	}

	public LuaStack mainStack() {
		return this.mainStack;
	}

	public LuaNatives natives() {
		return this.natives;
	}

	long threadPointer() {
		return this.threadStack.pointer;
	}

	/**
	 * Starts an invocation of a chunk on the state's coroutine: empties its stack, makes
	 * room for the arguments, and pushes the trampoline, the chunk, the time budget, the
	 * deadline by the prelude's clock, the grant (none: every endpoint) and, on a new
	 * coroutine, the coroutine itself. The chunk's arguments go on top, then
	 * {@link #resume(int)} with them and the values returned.
	 * @param chunkRef the chunk's registry reference
	 * @param timeoutNanos the invocation's time budget, or 0 for none
	 * @param deadlineNanos when the budget runs out, by {@link System#nanoTime()}
	 * @param grant what the invocation may see, or {@code null} for every endpoint
	 * @param arguments how many arguments will follow
	 * @return how many of the pushed values the coroutine is resumed with
	 * @throws IllegalArgumentException if the grant names an endpoint or method this
	 * state does not have
	 * @throws LuaConversionException if the stack cannot hold that many arguments
	 */
	public int beginInvocation(int chunkRef, long timeoutNanos, long deadlineNanos, @Nullable Grant grant,
			int arguments) {
		int grantRef = (grant != null) ? grantRef(grant) : 0;
		double deadline = (timeoutNanos > 0) ? deadlineNanos + this.clockOffset : 0;
		int room = arguments + INVOCATION_VALUES + 1;
		LuaStack stack = this.threadStack;
		if (this.fastCalls) {
			if (!NativeCalls.begin0(stack.pointer, room, this.trampolineRef, chunkRef, timeoutNanos, deadline, grantRef,
					this.announceThread)) {
				throw new LuaConversionException("too many arguments for the Lua stack: " + arguments);
			}
			return INVOCATION_VALUES;
		}
		stack.setTop(0);
		if (this.natives.lua_checkstack(stack.pointer, room) == 0) {
			throw new LuaConversionException("too many arguments for the Lua stack: " + arguments);
		}
		this.natives.luaJ_rawgeti(stack.pointer, this.registryIndex, this.trampolineRef);
		this.natives.luaJ_rawgeti(stack.pointer, this.registryIndex, chunkRef);
		stack.pushNumber(timeoutNanos);
		stack.pushNumber(deadline);
		if (grantRef != 0) {
			this.natives.luaJ_rawgeti(stack.pointer, this.registryIndex, grantRef);
		}
		else {
			stack.pushNil();
		}
		if (this.announceThread) {
			this.natives.lua_pushthread(stack.pointer);
		}
		else {
			stack.pushNil();
		}
		return INVOCATION_VALUES;
	}

	/**
	 * Returns the registry reference of what the grant's invocations see, built on first
	 * use. A grant resolved elsewhere may have the same index: the grant itself is
	 * compared, and a different one rebuilds the entry.
	 */
	private int grantRef(Grant grant) {
		int index = grant.index();
		@Nullable Grant[] built = this.grants;
		if (index < built.length && built[index] == grant) {
			return this.grantRefs[index];
		}
		int ref = buildGrant(grant);
		if (index >= built.length) {
			int length = Math.max(index + 1, built.length * 2);
			this.grants = Arrays.copyOf(built, length);
			this.grantRefs = Arrays.copyOf(this.grantRefs, length);
		}
		else if (built[index] != null) {
			this.main.unref(this.grantRefs[index]);
		}
		this.grants[index] = grant;
		this.grantRefs[index] = ref;
		return ref;
	}

	private int buildGrant(Grant grant) {
		this.natives.luaJ_rawgeti(this.mainStack.pointer, this.registryIndex, this.grantBuilderRef);
		this.main.createTable(0, grant.visible().size());
		for (Map.Entry<String, @Nullable Set<String>> endpoint : grant.visible().entrySet()) {
			Set<String> methods = endpoint.getValue();
			if (methods == null) {
				this.main.push(true);
			}
			else {
				this.main.createTable(0, methods.size());
				for (String method : methods) {
					this.main.push(true);
					this.main.setField(-2, method);
				}
			}
			this.main.setField(-2, endpoint.getKey());
		}
		if (this.natives.lua_pcall(this.mainStack.pointer, 1, 1, 0) != LUA_OK) {
			String message = this.mainStack.toJavaString(-1);
			this.mainStack.pop(1);
			throw new IllegalArgumentException("cannot build " + grant + " in a Lua state: " + message);
		}
		return this.main.ref();
	}

	/**
	 * Returns the registry reference of a compiled script, compiling it on first use.
	 * @param name the script name, used as the chunk name
	 * @param repository supplies the script's current source and version
	 * @return the reference
	 * @throws LuaCompileException if the source does not compile and no earlier version
	 * of it has
	 */
	public int script(String name, ScriptRepository repository) {
		ScriptRepository.Script current = repository.current(name);
		CompiledScript compiled = this.scripts.get(name);
		if (compiled != null && compiled.version() == current.version()) {
			return compiled.ref();
		}
		String chunkName = "@" + name + ".lua";
		try {
			int ref = compile(current.source(), chunkName);
			if (compiled != null) {
				this.main.unref(compiled.ref());
			}
			this.scripts.put(name, new CompiledScript(ref, current.version(), current.version()));
			repository.reportCompiled(name, current);
			return ref;
		}
		catch (LuaCompileException ex) {
			ScriptRepository.Script good = repository.lastCompiled(name);
			if (compiled == null && good == null) {
				throw ex;
			}
			// A live edit that does not compile: run the last version that did, even
			// on a state made after the edit or one that never saw that version.
			repository.reportBrokenVersion(name, current.version(), ex.getMessage());
			if (good != null && (compiled == null || compiled.sourceVersion() < good.version())) {
				int ref = compile(good.source(), chunkName);
				if (compiled != null) {
					this.main.unref(compiled.ref());
				}
				this.scripts.put(name, new CompiledScript(ref, current.version(), good.version()));
				return ref;
			}
			this.scripts.put(name, new CompiledScript(compiled.ref(), current.version(), compiled.sourceVersion()));
			return compiled.ref();
		}
	}

	/**
	 * A compiled script: {@code version} is the version it stands for, checked on every
	 * invocation; {@code sourceVersion} the one whose source it was compiled from, older
	 * when that version does not compile.
	 */
	private record CompiledScript(int ref, long version, long sourceVersion) {
	}

	/**
	 * Compiles a module for {@code require} and pushes the chunk onto the given stack.
	 * The Lua side keeps the chunk for the life of the state, so each module compiles
	 * once.
	 * @param stack the stack of the thread that asked
	 * @param name the module name, a script name under the script location
	 * @param modules supplies module sources
	 */
	public void pushModule(LuaStack stack, String name, ModuleSource modules) {
		String source = modules.source(name);
		int ref = compile(source, "@" + name + ".lua");
		this.natives.luaJ_rawgeti(stack.pointer, this.registryIndex, ref);
		this.main.unref(ref);
	}

	/**
	 * Supplies the source of modules scripts {@code require}.
	 */
	@FunctionalInterface
	public interface ModuleSource {

		/**
		 * Returns a module's source.
		 * @param name the module name
		 * @return the source
		 * @throws dev.luayield.LuaScriptException if there is no such module
		 */
		String source(String name);

	}

	/**
	 * Returns the registry reference of a compiled chunk of source text, compiled on
	 * first use and kept in a small per-state cache.
	 * @param source the source
	 * @return the reference
	 * @throws LuaCompileException if the source does not compile
	 */
	/**
	 * Compiles source text under a chunk name, outside the eval cache.
	 */
	public int evalAs(String source, String chunkName) {
		return compile(source, chunkName);
	}

	public int eval(String source) {
		Integer ref = this.evalChunks.get(source);
		if (ref == null) {
			ref = compile(source, "=eval");
			this.evalChunks.put(source, ref);
		}
		return ref;
	}

	/**
	 * Drops a chunk from the eval cache, if it is there.
	 * @param source the chunk's source
	 */
	public void forgetEval(String source) {
		Integer ref = this.evalChunks.remove(source);
		if (ref != null) {
			this.main.unref(ref);
		}
	}

	private int compile(String source, String chunkName) {
		// UTF-8 starts with the escape byte exactly when the text starts with U+001B.
		if (source.startsWith("\u001b")) {
			throw new LuaCompileException(chunkName, "attempt to load a binary chunk");
		}
		// The prelude compiles the plain source first, so syntax errors
		// read as usual, then the chunk the scripts run, with its limit
		// checks. The memory limit is armed: a source can be large, and
		// the protected call is where a refusal unwinds safely.
		this.natives.luaJ_rawgeti(this.mainStack.pointer, this.registryIndex, this.compileRef);
		this.mainStack.pushString(source);
		this.mainStack.pushString(chunkName);
		int status;
		if (this.memoryLimit != null) {
			this.memoryLimit.arm();
			try {
				status = this.natives.lua_pcall(this.mainStack.pointer, 2, 1, 0);
			}
			finally {
				this.memoryLimit.disarm();
			}
		}
		else {
			status = this.natives.lua_pcall(this.mainStack.pointer, 2, 1, 0);
		}
		if (status != LUA_OK) {
			if (this.memoryLimit != null && this.memoryLimit.exceeded()) {
				// The compile used up the state's memory:
				// it is not fit for the next invocation.
				this.broken = true;
			}
			throw compileFailure(this.mainStack, chunkName);
		}
		return this.main.ref();
	}

	private void loadChunk(LuaStack stack, byte[] bytes, String chunkName) {
		ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(bytes.length, 1));
		buffer.put(bytes).flip();
		int status = this.natives.luaJ_loadbuffer(stack.pointer, buffer, bytes.length, chunkName);
		if (status != LUA_OK) {
			throw compileFailure(stack, chunkName);
		}
	}

	/** Takes the error a failed compile left on top of the stack. */
	private static LuaCompileException compileFailure(LuaStack stack, String chunkName) {
		String message = (stack.type(-1) == LuaStack.TSTRING) ? stack.toJavaString(-1) : "cannot load chunk";
		stack.pop(1);
		return new LuaCompileException(chunkName, message);
	}

	/**
	 * Renders the value on top of the thread's stack, the error that killed its
	 * coroutine, as text. The trampoline describes a script's errors inside the
	 * coroutine, under the invocation's limits; what reaches here failed outside it, so
	 * it is described from its type alone: running a metamethod here would run script
	 * code with no limit at all.
	 */
	public String describeTop() {
		LuaStack thread = this.threadStack;
		int type = thread.type(-1);
		if (type == LuaStack.TSTRING) {
			return thread.toJavaString(-1);
		}
		if (type == LuaStack.TNUMBER) {
			return LuaStack.formatNumber(thread.toNumber(-1));
		}
		return "(error object: " + LuaStack.typeName(type) + ")";
	}

	/**
	 * Returns how many endpoint proxy closures this state has made: one per method
	 * actually called, never more.
	 * @return the count
	 */
	long proxyClosuresMade() {
		return stat(1);
	}

	/**
	 * Returns how often the prelude has read its clock: when the state was made (to
	 * measure the offset to Java's clock) and for limit checks, never to start an
	 * invocation.
	 */
	long clockReads() {
		return stat(2);
	}

	private long stat(int which) {
		this.mainStack.rawGetI(this.registryIndex, this.statsRef);
		this.natives.lua_pcall(this.mainStack.pointer, 0, 2, 0);
		long value = (long) this.mainStack.toNumber(which - 3);
		this.mainStack.pop(2);
		return value;
	}

	/**
	 * Returns how much memory the Lua state uses.
	 * @return the size in bytes
	 */
	public long memoryInUse() {
		return this.natives.lua_gc(this.mainStack.pointer, 3, 0) * 1024L
				+ this.natives.lua_gc(this.mainStack.pointer, 4, 0);
	}

	/**
	 * Marks this state as unfit for reuse; the pool destroys it instead of keeping it.
	 */
	public void markBroken() {
		this.broken = true;
	}

	/**
	 * Returns whether this state may be reused.
	 * @return {@code false} once an invocation left it in doubt, or it was closed
	 */
	public boolean isUsable() {
		return !this.broken && !this.closed;
	}

	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			closeMemoryLimit();
			this.main.close();
		}
	}

	private void closeMemoryLimit() {
		if (this.watch != null) {
			this.watch.close();
		}
		if (this.shim != null) {
			// The original allocator must be back
			// before lua_close frees what it allocated.
			this.shim.close();
		}
	}

	/**
	 * Resumes the state's coroutine with the hard memory limit armed: a refused
	 * allocation then ends in LuaJIT's memory error inside the resume, the one place it
	 * unwinds safely. Everything else Java does to the state runs disarmed.
	 * @param nargs how many values on the coroutine's stack it is resumed with
	 * @return the status of {@code lua_resume}
	 */
	public int resume(int nargs) {
		NativeMemoryLimit limit = this.memoryLimit;
		int status;
		if (this.fastCalls) {
			long packed = NativeCalls.resume0(this.threadStack.pointer, (limit != null) ? limit.address() : 0, nargs);
			status = (int) (packed & 0xff);
			this.resumedTop = (int) ((packed >>> 8) & 0xffffff);
			this.resumedCode = (int) (packed >> 32);
		}
		else {
			status = resumeThroughLuaJava(limit, nargs);
		}
		// The trampoline took the coroutine first thing, whatever happened after.
		this.announceThread = false;
		// Decided from the watchdog's own flag, whatever the status: the interruption
		// may have struck the script's pcall, the sandbox's code or a yield.
		return (this.watch != null && this.watch.interrupted()) ? INTERRUPTED : status;
	}

	private int resumeThroughLuaJava(@Nullable NativeMemoryLimit limit, int nargs) {
		long thread = this.threadStack.pointer;
		int status;
		if (limit == null) {
			status = this.natives.luaJ_resume(thread, nargs);
		}
		else {
			limit.arm();
			try {
				status = this.natives.luaJ_resume(thread, nargs);
			}
			finally {
				limit.disarm();
			}
		}
		int top = this.natives.lua_gettop(thread);
		int at = (status == LUA_YIELD) ? 2 : (status == LUA_OK) ? 1 : 0;
		this.resumedTop = top;
		this.resumedCode = (at != 0 && top >= at) ? (int) this.natives.lua_tonumber(thread, at) : 0;
		return status;
	}

	/**
	 * Returns the coroutine's stack top as the last {@link #resume(int)} left it: how
	 * many values a request yielded, or the trampoline returned. Valid until Java next
	 * changes the stack.
	 * @return the stack top
	 */
	public int resumedTop() {
		return this.resumedTop;
	}

	/**
	 * Returns the number the last {@link #resume(int)} left at the bottom of what it
	 * handed back: a request's method id (at index 2, after the marker), or the
	 * trampoline's outcome code (at index 1), or 0 where there is none. Read as Java's
	 * {@code (int)} of a Lua number.
	 * @return the request id or outcome code
	 */
	public int resumedCode() {
		return this.resumedCode;
	}

	/**
	 * Prepares for a new invocation and has the watchdog watch its deadline;
	 * {@link #endInvocation()} must follow. LuaJIT does not collect garbage when an
	 * allocation is refused, so garbage an earlier invocation left behind would count
	 * against this one: when much of the hard memory limit is in use, a full collection
	 * first gives the invocation what it is owed.
	 * @param deadlineNanos the deadline by {@link System#nanoTime()}, or 0 for none
	 */
	public void startInvocation(long deadlineNanos) {
		if (this.watch != null && deadlineNanos != 0) {
			this.watch.start(deadlineNanos);
		}
		NativeMemoryLimit limit = this.memoryLimit;
		if (limit != null && limit.used() > limit.limit() / 2) {
			this.natives.lua_gc(this.mainStack.pointer, 2, 0);
		}
	}

	/**
	 * Returns whether a watchdog watches this state's deadlines.
	 * @return {@code true} with the watchdog
	 */
	public boolean isWatched() {
		return this.watch != null;
	}

	/**
	 * Returns whether the watchdog saw the running invocation's deadline pass; only
	 * meaningful where {@link #isWatched()}.
	 * @return {@code true} once the deadline has passed
	 */
	public boolean watchdogSawDeadlinePass() {
		return this.watch.expired();
	}

	/**
	 * Ends what {@link #startInvocation(long)} started: the watchdog no longer watches
	 * this state, and a hook it set since the last resume is gone.
	 */
	public void endInvocation() {
		if (this.watch != null) {
			this.watch.end();
		}
	}

	/**
	 * Returns whether the hard memory limit refused an allocation during the invocation
	 * now ending, whether or not the script caught the error.
	 * @return {@code true} if the state hit its memory limit
	 */
	public boolean exceededMemoryLimit() {
		return this.memoryLimit != null && this.memoryLimit.exceeded();
	}

	private final class Strings implements LuaStack.StateStrings {

		@Override
		public String decode(LuaNatives natives, long pointer, int index) {
			ByteBuffer buffer = (ByteBuffer) natives.luaJ_tobuffer(pointer, index);
			return (buffer != null) ? LuaStack.decodeUtf8(buffer) : "";
		}

		@Override
		public int @Nullable [] keys(String[] names) {
			int[] keys = LuaVm.this.fieldKeys.get(names);
			if (keys == null) {
				if (LuaVm.this.fieldKeys.size() >= MAX_FIELD_KEY_SETS) {
					// Record types are the application's classes, so this is not
					// reached; if it were, the state would still not grow for good.
					return null;
				}
				keys = new int[names.length];
				for (int i = 0; i < names.length; i++) {
					LuaVm.this.mainStack.pushString(names[i]);
					keys[i] = LuaVm.this.natives.luaL_ref(LuaVm.this.mainStack.pointer, LuaVm.this.registryIndex);
				}
				LuaVm.this.fieldKeys.put(names, keys);
			}
			return keys;
		}

		@Override
		public void push(LuaNatives natives, long pointer, byte[] utf8) {
			// LuaJava 4.0.2 can push only modified UTF-8, so these strings go in as
			// hex, decoded by the prelude on the main thread: its own code, which
			// no script can reach or change, takes time linear in the string, and
			// allocates with the memory limit disarmed, so it cannot fail.
			long main = LuaVm.this.mainStack.pointer;
			natives.luaJ_rawgeti(main, LuaVm.this.registryIndex, LuaVm.this.fromHexRef);
			natives.luaJ_pushstring(main, HexFormat.of().formatHex(utf8));
			if (natives.lua_pcall(main, 1, 1, 0) != LUA_OK) {
				natives.lua_pop(main, 1);
				throw new LuaConversionException("string could not be passed to Lua");
			}
			if (pointer != main) {
				natives.lua_xmove(main, pointer, 1);
			}
		}

	}

	private void pushSandboxModules() {
		this.main.createTable(0, SANDBOX.size());
		for (Map.Entry<String, byte[]> module : SANDBOX.entrySet()) {
			loadChunk(this.mainStack, module.getValue(), "=luayield/" + module.getKey());
			this.main.setField(-2, module.getKey());
		}
	}

	private static Map<String, byte[]> readSandbox() {
		Map<String, byte[]> modules = new LinkedHashMap<>();
		for (String name : SANDBOX_MODULES) {
			modules.put(name, readResource("/dev/luayield/sandbox/" + name + ".lua"));
		}
		return modules;
	}

	private static byte[] readResource(String name) {
		try (InputStream in = LuaVm.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException(name + " (LuaYield's own Lua code) is missing from the classpath");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
