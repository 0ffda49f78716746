package dev.luayield.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.jse.JsePlatform;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaNatives;
import party.iroiro.luajava.luajit.LuaJit;

/**
 * The other ways of calling Java from Lua, each running the loop of
 * {@code calls_int.lua}: {@code calls} calls of {@code add_one(i)} summed. The cost of
 * one call is the slope between {@code calls=0} and {@code calls=100}, as for
 * {@link EndToEndBenchmark}.
 * <ul>
 * <li>{@code luajavaReflective}: the object handed to Lua with {@code pushJavaObject},
 * its method found by LuaJava's reflection on every call.</li>
 * <li>{@code luajavaJFunction}: a hand-written binding, a {@link JFunction} in a
 * table.</li>
 * <li>{@code protocolStringTag}: the coroutine protocol as first written down, through
 * LuaJava's {@link Lua} API on a reused coroutine: the proxy yields
 * {@code ("add_one", x)}, Java reads the method name as a String and finds its handler in
 * a {@link HashMap}.</li>
 * <li>{@code protocolIntegerTag}: the same with a small integer tag: the proxy yields
 * {@code (1, x)} and Java indexes an array of handlers.</li>
 * <li>{@code floorProtocolNatives}: the small-integer-tag loop reduced to its bones,
 * written against LuaJava's JNI natives with nothing else done per call. What LuaYield's
 * resume loop would cost if it did nothing but this.</li>
 * <li>{@code floorEmptyYield}: one empty resume/yield round trip through JNI per call,
 * the floor under any coroutine protocol.</li>
 * <li>{@code luaj}: LuaJ (Lua in pure Java) calling a Java function.</li>
 * </ul>
 * The harness of the LuaJava variants (call a Lua function with {@code n}, read the sum)
 * costs the same at every {@code calls}, so it cancels out of the slope. The protocol
 * loops are written out one by one, alike as they are: a shared loop taking the handler
 * lookup as a function would add a call of its own to every request it measures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class BaselineBenchmark {

	private static final String LOOP = "return function(n) local s = 0 for i = 1, n do s = s + api:%s(i) end return s end";

	@Param({ "0", "100" })
	public int calls;

	/**
	 * {@code off}: plain LuaJIT, the JIT on. {@code on}: the mechanism behind LuaYield's
	 * default limits applied to the LuaJava states too (the JIT off, a count hook every
	 * 1,000 instructions), so that each way of calling is also measured like for like
	 * with LuaYield's defaults. LuaJ has no such mechanism and runs the same either way.
	 */
	@Param({ "off", "on" })
	public String limits;

	private final BenchApi api = new BenchApi();

	private LuaJit reflective;

	private int reflectiveRef;

	private LuaJit jfunction;

	private int jfunctionRef;

	private LuaJit protocol;

	private Lua protocolThread;

	private int protocolRef;

	private int emptyYieldRef;

	private IntUnaryOperator[] handlers;

	private final Map<String, IntUnaryOperator> handlersByName = new HashMap<>();

	private Lua stringTagThread;

	private int stringTagRef;

	private LuaValue luajLoop;

	@Setup(Level.Trial)
	public void setUp() {
		this.reflective = new LuaJit();
		this.reflective.openLibraries();
		this.reflective.pushJavaObject(this.api);
		this.reflective.setGlobal("api");
		this.reflectiveRef = loadFunction(this.reflective, String.format(LOOP, "addOne"));

		this.jfunction = new LuaJit();
		this.jfunction.openLibraries();
		this.jfunction.createTable(0, 1);
		JFunction addOne = (lua) -> {
			lua.push(this.api.addOne((int) lua.toInteger(2)));
			return 1;
		};
		this.jfunction.push(addOne);
		this.jfunction.setField(-2, "add_one");
		this.jfunction.setGlobal("api");
		this.jfunctionRef = loadFunction(this.jfunction, String.format(LOOP, "add_one"));

		this.protocol = new LuaJit();
		this.protocol.openLibraries();
		this.protocol
			.run("local yield = coroutine.yield\n" + "api = { add_one = function(self, x) return yield(1, x) end }");
		this.protocolRef = loadFunction(this.protocol, String.format(LOOP, "add_one"));
		this.emptyYieldRef = loadFunction(this.protocol,
				"return function(n) local yield = coroutine.yield for i = 1, n do yield() end return n end");
		this.handlers = new IntUnaryOperator[] { null, this.api::addOne };
		this.protocolThread = this.protocol.newThread();
		this.protocol.pop(1);
		this.protocol.run("api_by_name = { add_one = function(self, x) return coroutine.yield('add_one', x) end }");
		this.stringTagRef = loadFunction(this.protocol,
				"return function(n) local s = 0 for i = 1, n do s = s + api_by_name:add_one(i) end return s end");
		this.handlersByName.put("add_one", this.api::addOne);
		this.stringTagThread = this.protocol.newThread();
		this.protocol.pop(1);

		Globals globals = JsePlatform.standardGlobals();
		LuaTable luajApi = new LuaTable();
		BenchApi target = this.api;
		luajApi.set("add_one", new TwoArgFunction() {
			@Override
			public LuaValue call(LuaValue self, LuaValue x) {
				return LuaValue.valueOf(target.addOne(x.checkint()));
			}
		});
		globals.set("api", luajApi);
		this.luajLoop = globals.load(String.format(LOOP, "add_one")).call();
	}

	private int loadFunction(LuaJit lua, String source) {
		if ("on".equals(this.limits)) {
			lua.run("jit.off() debug.sethook(function() end, '', 1000)");
		}
		lua.load(source);
		lua.pCall(0, 1);
		return lua.ref();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.reflective.close();
		this.jfunction.close();
		this.protocol.close();
	}

	@Benchmark
	public double luajavaReflective() {
		return callOnMain(this.reflective, this.reflectiveRef);
	}

	@Benchmark
	public double luajavaJFunction() {
		return callOnMain(this.jfunction, this.jfunctionRef);
	}

	private double callOnMain(LuaJit lua, int ref) {
		LuaNatives natives = lua.getLuaNatives();
		long pointer = lua.getPointer();
		natives.luaJ_rawgeti(pointer, natives.getRegistryIndex(), ref);
		natives.lua_pushinteger(pointer, this.calls);
		if (natives.lua_pcall(pointer, 1, 1, 0) != 0) {
			throw new IllegalStateException(lua.toString(-1));
		}
		double result = natives.lua_tonumber(pointer, -1);
		natives.lua_settop(pointer, 0);
		return result;
	}

	@Benchmark
	public double protocolStringTag() {
		Lua thread = this.stringTagThread;
		thread.setTop(0);
		thread.refGet(this.stringTagRef);
		thread.push(this.calls);
		boolean yielded = thread.resume(1);
		while (yielded) {
			IntUnaryOperator handler = this.handlersByName.get(thread.toString(1));
			int x = (int) thread.toInteger(2);
			thread.setTop(0);
			thread.push(handler.applyAsInt(x));
			yielded = thread.resume(1);
		}
		return thread.toNumber(-1);
	}

	@Benchmark
	public double protocolIntegerTag() {
		Lua thread = this.protocolThread;
		thread.setTop(0);
		thread.refGet(this.protocolRef);
		thread.push(this.calls);
		boolean yielded = thread.resume(1);
		while (yielded) {
			IntUnaryOperator handler = this.handlers[(int) thread.toInteger(1)];
			int x = (int) thread.toInteger(2);
			thread.setTop(0);
			thread.push(handler.applyAsInt(x));
			yielded = thread.resume(1);
		}
		return thread.toNumber(-1);
	}

	@Benchmark
	public double floorProtocolNatives() {
		LuaNatives natives = this.protocol.getLuaNatives();
		long thread = this.protocolThread.getPointer();
		natives.lua_settop(thread, 0);
		natives.luaJ_rawgeti(thread, natives.getRegistryIndex(), this.protocolRef);
		natives.lua_pushinteger(thread, this.calls);
		int status = natives.luaJ_resume(thread, 1);
		while (status == 1) {
			IntUnaryOperator handler = this.handlers[(int) natives.lua_tonumber(thread, 1)];
			int x = (int) natives.lua_tonumber(thread, 2);
			natives.lua_settop(thread, 0);
			natives.lua_pushinteger(thread, handler.applyAsInt(x));
			status = natives.luaJ_resume(thread, 1);
		}
		if (status != 0) {
			throw new IllegalStateException("status " + status);
		}
		return natives.lua_tonumber(thread, -1);
	}

	@Benchmark
	public double floorEmptyYield() {
		LuaNatives natives = this.protocol.getLuaNatives();
		long thread = this.protocolThread.getPointer();
		natives.lua_settop(thread, 0);
		natives.luaJ_rawgeti(thread, natives.getRegistryIndex(), this.emptyYieldRef);
		natives.lua_pushinteger(thread, this.calls);
		int status = natives.luaJ_resume(thread, 1);
		while (status == 1) {
			status = natives.luaJ_resume(thread, 0);
		}
		if (status != 0) {
			throw new IllegalStateException("status " + status);
		}
		return natives.lua_tonumber(thread, -1);
	}

	@Benchmark
	public int luaj() {
		return this.luajLoop.call(LuaValue.valueOf(this.calls)).toint();
	}

}
