package dev.luayield.runner;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.endpoint.EndpointMethod;
import dev.luayield.engine.LuaStack;
import dev.luayield.engine.LuaVm;
import dev.luayield.engine.LuaVmStats;
import dev.luayield.sandbox.LuaVmSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import party.iroiro.luajava.LuaNatives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that pin what makes an endpoint call cheap, without timing anything: the proxy
 * closure is made once per method per state, a request carries the method as a small
 * integer (no name for Java to turn into a String), the dispatch table is built once, and
 * the arity-specialised call path, the int fast path and replies that do not clear the
 * stack behave exactly as the general ones.
 */
class HotPathTests {

	private final World world = new World();

	private final Arities arities = new Arities();

	private TestRuntime runtime = new TestRuntime(1, TestRuntime.endpoint("world", this.world),
			TestRuntime.endpoint("arities", this.arities));

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@Test
	void whenMethodIsCalledManyTimesThenItsProxyClosureIsMadeOncePerState() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.runtime.runner.eval("for i = 1, 100 do world:get_hp(1) end world.get_hp(2)");
		}
		LuaVm vm = this.runtime.pool.borrowObject();
		try {
			assertThat(LuaVmStats.proxyClosuresMade(vm)).isEqualTo(1);
		}
		finally {
			this.runtime.pool.returnObject(vm);
		}
		this.runtime.runner.eval("world:is_alive(1)");
		vm = this.runtime.pool.borrowObject();
		try {
			assertThat(LuaVmStats.proxyClosuresMade(vm)).isEqualTo(2);
			assertThat(this.runtime.pool.getCreatedCount()).isEqualTo(1);
		}
		finally {
			this.runtime.pool.returnObject(vm);
		}
	}

	@Test
	void whenLimitsAreOnThenNoHookSlowsEveryInstruction() {
		// A count or line hook would switch LuaJIT to its hooked
		// dispatch for every VM instruction; the limits are
		// checked by countdowns compiled into the scripts instead.
		try (TestRuntime debuggable = new TestRuntime(1,
				LuaVmSettings.defaults().withAllowedLibraries(List.of("debug")), 1000,
				java.time.Duration.ofSeconds(5))) {
			assertThat(debuggable.runner
				.eval("local hook, mask, count = debug.gethook() return hook == nil and mask .. count")).isEqualTo("0");
		}
	}

	@Test
	void whenInvocationStartsThenEndpointsAreFieldsOfItsOwnEnvironment() {
		// Found without a miss and a trip through the environment's __index on
		// every call; assigning one changes nothing for the next invocation.
		assertThat(this.runtime.runner.eval("return rawget(_G, 'world') == world and world ~= nil")).isEqualTo(true);
		this.runtime.runner.eval("world = nil");
		assertThat(this.runtime.runner.eval("return world:get_hp(1)")).isNotNull();
	}

	@Test
	void whenScriptCallsEndpointThenRequestCarriesIntegerIdAndNoName() throws Exception {
		EndpointMethod getHp = this.runtime.table.methods()
			.stream()
			.filter((method) -> method.getQualifiedName().equals("world.get_hp"))
			.findFirst()
			.orElseThrow();
		LuaVm vm = this.runtime.pool.borrowObject();
		try {
			// Drive the state's coroutine by hand to look at the request as Java sees it.
			LuaStack stack = vm.threadStack();
			LuaNatives natives = vm.natives();
			int chunk = vm.eval("return world:get_hp(7)");
			assertThat(natives.luaJ_resume(stack.pointer, vm.beginInvocation(chunk, 0, 0, null, 0)))
				.isEqualTo(LuaVm.LUA_YIELD);
			assertThat(stack.top()).isEqualTo(3);
			assertThat(stack.type(1)).isEqualTo(LuaStack.TLIGHTUSERDATA);
			assertThat(stack.type(2)).isEqualTo(LuaStack.TNUMBER);
			assertThat((int) stack.toNumber(2)).isEqualTo(getHp.getId());
			assertThat(this.runtime.table.get(getHp.getId())).isSameAs(getHp);
			assertThat(stack.type(3)).isEqualTo(LuaStack.TNUMBER);
			vm.replaceThread();
		}
		finally {
			this.runtime.pool.returnObject(vm);
		}
	}

	@Test
	void whenInvocationHasATimeLimitThenStartingItReadsNoClockInLua() throws Exception {
		// Java reads the clock for the deadline: through the FFI, the interpreter takes
		// about half a microsecond for one read. The limit checks still read it in Lua.
		assertThat(this.runtime.runner.eval("return 1")).isEqualTo(1L);
		long before = clockReads();
		for (int i = 0; i < 10; i++) {
			assertThat(this.runtime.runner.eval("return world:get_hp(1)")).isEqualTo(45L);
		}
		assertThat(clockReads()).isEqualTo(before);
		this.runtime.runner.eval("local s = 0 for i = 1, 5000 do s = s + i end return s");
		assertThat(clockReads()).isGreaterThan(before);
	}

	private long clockReads() throws Exception {
		LuaVm vm = this.runtime.pool.borrowObject();
		try {
			return LuaVmStats.clockReads(vm);
		}
		finally {
			this.runtime.pool.returnObject(vm);
		}
	}

	@Test
	void whenManyInvocationsRunThenDispatchTableIsBuiltOnce() {
		this.runtime.close();
		AtomicInteger asked = new AtomicInteger();
		TestRuntime counting = new TestRuntime(1, TestRuntime.endpoint("world", this.world));
		this.runtime = counting;
		DispatchTable table = counting.table;
		LuaScriptRunner runner = LuaYield.builder().pool(counting.pool).endpoints(() -> {
			asked.incrementAndGet();
			return table;
		}).maxCalls(1000).timeout(null).build().runner();
		for (int i = 0; i < 50; i++) {
			assertThat(runner.eval("return world:get_hp(1)")).isEqualTo(45L);
		}
		assertThat(asked).hasValue(1);
	}

	@Test
	void whenMethodsOfEveryArityAreCalledThenArgumentsArriveInOrder() {
		assertThat(this.runtime.runner.eval("return arities:zero()")).isEqualTo("0");
		assertThat(this.runtime.runner.eval("return arities:one('a')")).isEqualTo("1:a");
		assertThat(this.runtime.runner.eval("return arities:two('a', 2)")).isEqualTo("2:a2");
		assertThat(this.runtime.runner.eval("return arities:three('a', 2, true)")).isEqualTo("3:a2true");
		assertThat(this.runtime.runner.eval("return arities:four('a', 2, true, 4)")).isEqualTo("4:a2true4");
		assertThat(this.runtime.runner.eval("return arities:five('a', 2, true, 4, 'e')")).isEqualTo("5:a2true4e");
		assertThat(this.runtime.runner.eval("return arities.three('a', 2, true)")).isEqualTo("3:a2true");
		assertThat(this.runtime.runner.eval("return arities.zero()")).isEqualTo("0");
	}

	@Test
	void whenArityIsWrongOnAnyPathThenErrorSaysSo() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("return arities:three('a', 2)"))
			.withMessageEndingWith("arities.three: expected 3 arguments, got 2");
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("return arities:two('a', 2, 3)"))
			.withMessageEndingWith("arities.two: expected 2 arguments, got 3");
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("return arities:four('a', 2, true)"))
			.withMessageEndingWith("arities.four: expected 4 arguments, got 3");
		assertThat(this.runtime.runner.eval("return arities:five('a', 2, true, 4)")).isEqualTo("5:a2true4null");
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("return arities:four('a', 'x', true, 4)"))
			.withMessageEndingWith("arities.four: arg 2 expected integer, got string");
		// Missing trailing boxed arguments read as
		// nil, on the fast path as on the array path.
		assertThat(this.runtime.runner.eval("return arities:boxed(1)")).isEqualTo("1,null");
		assertThat(this.runtime.runner.eval("return arities:boxed()")).isEqualTo("null,null");
	}

	@Test
	void whenIntArgumentIsAtOrBeyondItsLimitsThenFastPathAgreesWithGeneralReader() {
		assertThat(this.runtime.runner.eval("return arities:int_of(2147483647)")).isEqualTo(2147483647L);
		assertThat(this.runtime.runner.eval("return arities:int_of(-2147483648)")).isEqualTo(-2147483648L);
		assertThat(this.runtime.runner.eval("return arities:int_of(-0.0)")).isEqualTo(0L);
		assertThat(this.runtime.runner.eval("return select(2, pcall(arities.int_of, arities, 2147483648))"))
			.isEqualTo("arities.int_of: arg 1 expected integer in [-2147483648, 2147483647], got 2147483648");
		assertThat(this.runtime.runner.eval("return select(2, pcall(arities.int_of, arities, 0.5))"))
			.isEqualTo("arities.int_of: arg 1 expected integer, got number 0.5");
		assertThat(this.runtime.runner.eval("return select(2, pcall(arities.int_of, arities, 0/0))")).asString()
			.startsWith("arities.int_of: arg 1 expected integer, got number");
		assertThat(this.runtime.runner.eval("return select(2, pcall(arities.int_of, arities, '5'))"))
			.isEqualTo("arities.int_of: arg 1 expected integer, got string");
		assertThat(this.runtime.runner.eval("return select(2, pcall(arities.int_of, arities, nil))"))
			.isEqualTo("arities.int_of: arg 1 expected integer, got nil");
		assertThat(this.runtime.runner.eval("return arities:boxed(nil, 3)")).isEqualTo("null,3");
	}

	@Test
	void whenReplyLeavesRequestOnTheStackThenScriptSeesOnlyTheReply() {
		// The request (REQ, id, args...) stays below the reply: the script must see the
		// reply alone, one value, however many arguments it sent (void reads as nil).
		assertThat(this.runtime.runner.eval("return select('#', world:get_hp(1))")).isEqualTo(1L);
		assertThat(this.runtime.runner.eval("return select('#', arities:five('a', 2, true, 4, 'e'))")).isEqualTo(1L);
		assertThat(this.runtime.runner.eval("local a, b = world:damage(2, 1) return { a == nil, b == nil }"))
			.isEqualTo(List.of(true, true));
		assertThat(this.runtime.runner.eval("return { arities:five('a', 2, true, 4, 'e') }"))
			.isEqualTo(List.of("5:a2true4e"));
		assertThat(this.runtime.runner.eval(
				"local s = 0 for i = 1, 20000 do s = s + arities:int_of(i) + #arities:three('x', i, false) end return s"))
			.isEqualTo(200010000L + 20000L * 2 + sumOfDigits());
	}

	@Test
	void whenRecordKeysAreCountedInsteadOfNamedThenUnknownKeysAreStillReportedFirst() {
		assertThat(this.runtime.runner.eval("return arities:area({ w = 3, h = 4 })")).isEqualTo(12L);
		assertThat(this.runtime.runner.eval("return select(2, pcall(arities.area, arities, { w = 3, h = 4, d = 5 }))"))
			.isEqualTo("arities.area: arg 1: Box has no field 'd' (fields: [w, h])");
		assertThat(this.runtime.runner.eval("return select(2, pcall(arities.area, arities, { w = 'x', d = 5 }))"))
			.isEqualTo("arities.area: arg 1: Box has no field 'd' (fields: [w, h])");
		assertThat(this.runtime.runner.eval("return select(2, pcall(arities.area, arities, { 3, 4 }))"))
			.isEqualTo("arities.area: arg 1: Box has no field '[number]' (fields: [w, h])");
		assertThat(this.runtime.runner.eval("return select(2, pcall(arities.area, arities, { w = 3 }))"))
			.isEqualTo("arities.area: arg 1.h expected integer, got nil");
		assertThat(this.runtime.runner.eval("return select(2, pcall(arities.area, arities, { w = 3, h = -1 }))"))
			.isEqualTo("arities.area: BeanInstantiationException: Failed to instantiate [" + Box.class.getName()
					+ "]: Constructor threw exception");
	}

	@Test
	void whenRecordIsReadAtAnotherPathThenItsFieldsAreNamedUnderThatPath() {
		// The fields' paths are kept for the last path
		// a record was read at, not rebuilt per call.
		String[] scripts = { "arities:area({ w = 3 })", "arities:areas({ { w = 1, h = 2 }, { w = 3 } })",
				"arities:areas({ { w = 3 } })", "arities:area({ w = 3 })" };
		String[] messages = { "arities.area: arg 1.h expected integer, got nil",
				"arities.areas: arg 1[2].h expected integer, got nil",
				"arities.areas: arg 1[1].h expected integer, got nil",
				"arities.area: arg 1.h expected integer, got nil" };
		for (int i = 0; i < scripts.length; i++) {
			assertThat(this.runtime.runner.eval("return select(2, pcall(function() return " + scripts[i] + " end))"))
				.isEqualTo(messages[i]);
		}
		assertThat(this.runtime.runner.eval("return arities:areas({ { w = 1, h = 2 }, { w = 3, h = 4 } })"))
			.isEqualTo(14L);
	}

	private static long sumOfDigits() {
		// #"3:x<i>false" = 2 + 1 + digits(i) + 5, less the 2 already counted per call.
		long total = 0;
		for (int i = 1; i <= 20000; i++) {
			total += 6 + Integer.toString(i).length();
		}
		return total;
	}

	/**
	 * An endpoint with methods of every arity the call path treats differently.
	 */
	public static class Arities {

		public String zero() {
			return "0";
		}

		public String one(String a) {
			return "1:" + a;
		}

		public String two(String a, int b) {
			return "2:" + a + b;
		}

		public String three(String a, int b, boolean c) {
			return "3:" + a + b + c;
		}

		public String four(String a, int b, boolean c, long d) {
			return "4:" + a + b + c + d;
		}

		public String five(String a, int b, boolean c, long d, String e) {
			return "5:" + a + b + c + d + e;
		}

		public String boxed(Integer a, Integer b) {
			return a + "," + b;
		}

		public int intOf(int value) {
			return value;
		}

		public int areas(List<Box> boxes) {
			return boxes.stream().mapToInt(this::area).sum();
		}

		public int area(Box box) {
			return box.w() * box.h();
		}

	}

	/**
	 * A record argument that validates itself.
	 *
	 * @param w the width
	 * @param h the height
	 */
	public record Box(int w, int h) {

		public Box {
			if (w < 0 || h < 0) {
				throw new IllegalArgumentException("negative size");
			}
		}

	}

}
