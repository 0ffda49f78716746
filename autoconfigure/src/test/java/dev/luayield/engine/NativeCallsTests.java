package dev.luayield.engine;

import java.util.Map;

import dev.luayield.sandbox.LuaVmSettings;
import dev.luayield.sandbox.TrampolineOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The resume loop's hot path goes through the native shim where it is built, and through
 * LuaJava's bindings where it is not: both ways start an invocation and report a resume
 * alike, down to how a number the script chose becomes a Java int.
 */
class NativeCallsTests {

	private static final Map<String, Map<String, Integer>> ENDPOINTS = Map.of("world", Map.of("get_hp", 7));

	private final LuaVm shim = new LuaVm(ENDPOINTS, LuaVmSettings.defaults(), true);

	private final LuaVm luaJava = new LuaVm(ENDPOINTS, LuaVmSettings.defaults(), false);

	@AfterEach
	void close() {
		this.shim.close();
		this.luaJava.close();
	}

	@Test
	void theShimIsBuiltHere() {
		assertThat(NativeCalls.isAvailable()).as("libluayield.so is built on this platform").isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "return", "return 1, 'two', {}", "return world:get_hp(3)", "world:get_hp(3, 4, 5)",
			"error('boom')", "error({})",
			"local t = setmetatable({}, { __index = function() error('x') end }) " + "return world:get_hp(t.missing)" })
	void whenAChunkRunsThenBothWaysReportTheSameResume(String source) {
		assertThat(resumeInvocation(this.shim, source)).isEqualTo(resumeInvocation(this.luaJava, source));
	}

	@Test
	void whenAChunkRequestsAnEndpointThenTheResumeCarriesItsIdAndTheStackTop() {
		for (LuaVm vm : new LuaVm[] { this.shim, this.luaJava }) {
			assertThat(resumeInvocation(vm, "world:get_hp(3, 4)")).isEqualTo(new Resumed(LuaVm.LUA_YIELD, 4, 7));
			assertThat(resumeInvocation(vm, "return 1, 2"))
				.isEqualTo(new Resumed(LuaVm.LUA_OK, 3, TrampolineOutcome.DONE.code()));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "coroutine.yield(1, 0/0)", "coroutine.yield(1, 1e300)", "coroutine.yield(1, -1e300)",
			"coroutine.yield(1, 2.7)", "coroutine.yield(1, -2.7)", "coroutine.yield(1, '12')", "coroutine.yield(1, {})",
			"coroutine.yield(1)", "coroutine.yield()", "error({})", "return 2^31", "return -2^31 - 1" })
	void whenARawFunctionHandsBackAnyValueThenBothWaysReadItAsJavaWould(String source) {
		Resumed shim = resumeRaw(this.shim, source);
		assertThat(shim).isEqualTo(resumeRaw(this.luaJava, source));
		if (source.equals("coroutine.yield(1, 1e300)") || source.equals("return 2^31")) {
			assertThat(shim.code()).isEqualTo(Integer.MAX_VALUE);
		}
		if (source.equals("coroutine.yield(1, -2.7)")) {
			assertThat(shim.code()).isEqualTo(-2);
		}
	}

	@Test
	void whenTheArgumentsCannotFitOnTheStackThenBothWaysRefuseAndPushNothing() {
		for (LuaVm vm : new LuaVm[] { this.shim, this.luaJava }) {
			int chunk = vm.eval("return");
			assertThatExceptionOfType(LuaConversionException.class)
				.isThrownBy(() -> vm.beginInvocation(chunk, 0, 0, null, 1_000_000))
				.withMessageContaining("too many arguments");
			assertThat(vm.threadStack().top()).isZero();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 3, 64, 65, 200 })
	void whenATableIsReadAsARecordThenBothWaysCountItsKeysAndPushTheSameRawFields(int fieldCount) {
		String[] names = new String[fieldCount];
		for (int i = 0; i < fieldCount; i++) {
			names[i] = "f" + i;
		}
		// Every other field set, a key that is no field, and an __index that fails:
		// the fields are read raw.
		String table = "local t = setmetatable({ extra = true, [1] = 'one' }, { __index = function() error('no') end })"
				+ " for i = 0, " + (fieldCount - 1) + ", 2 do t['f' .. i] = i * 10 end return t";
		Fields shim = readFields(this.shim, table, names);
		assertThat(shim).isEqualTo(readFields(this.luaJava, table, names));
		assertThat(shim.keys()).isEqualTo((fieldCount + 1) / 2 + 2);
		assertThat(shim.present()).isEqualTo((fieldCount + 1) / 2);
		assertThat(readFields(this.shim, table, names)).as("the keys are made once per state").isEqualTo(shim);
	}

	@Test
	void whenArgumentsMoveToTheScratchThreadThenBothWaysLeaveOnlyThem() {
		for (LuaVm vm : new LuaVm[] { this.shim, this.luaJava }) {
			LuaStack scratch = vm.scratchStack();
			scratch.pushInteger(99);
			LuaStack thread = vm.threadStack();
			thread.setTop(0);
			thread.pushInteger(1);
			thread.pushInteger(2);
			thread.pushInteger(3);
			thread.moveToEmpty(scratch, 2);
			assertThat(thread.top()).isEqualTo(1);
			assertThat(scratch.top()).isEqualTo(2);
			assertThat(scratch.toNumber(1)).isEqualTo(2);
			assertThat(scratch.toNumber(2)).isEqualTo(3);
			scratch.setTop(0);
			thread.setTop(0);
		}
	}

	private static Fields readFields(LuaVm vm, String tableSource, String[] names) {
		LuaStack main = vm.mainStack();
		assertThat(vm.natives().luaL_loadstring(main.pointer, tableSource)).isZero();
		assertThat(vm.natives().lua_pcall(main.pointer, 0, 1, 0)).isZero();
		LuaStack scratch = vm.scratchStack();
		scratch.setTop(0);
		main.moveTo(scratch, 1);
		long fields = scratch.pushFields(1, names);
		int first = (int) (fields >>> 48);
		assertThat(first).isEqualTo(2);
		assertThat(scratch.top()).isEqualTo(1 + names.length);
		StringBuilder values = new StringBuilder();
		for (int i = 0; i < names.length; i++) {
			values.append(LuaStack.typeName(scratch.type(first + i)))
				.append((scratch.type(first + i) == LuaStack.TNUMBER) ? (int) scratch.toNumber(first + i) : "")
				.append(' ');
		}
		scratch.setTop(0);
		return new Fields(fields & 0xffffffffL, (int) ((fields >>> 32) & 0xffff), values.toString());
	}

	record Fields(long keys, int present, String values) {
	}

	private static Resumed resumeInvocation(LuaVm vm, String source) {
		int chunk = vm.eval(source);
		int fixed = vm.beginInvocation(chunk, 0, 0, null, 1);
		vm.threadStack().pushInteger(42);
		Resumed resumed = resumed(vm, vm.resume(fixed + 1));
		vm.replaceThread();
		return resumed;
	}

	/** A function with the real globals, outside the sandbox, yields what it likes. */
	private static Resumed resumeRaw(LuaVm vm, String source) {
		LuaStack stack = vm.threadStack();
		stack.setTop(0);
		assertThat(vm.natives().luaL_loadstring(stack.pointer, source)).isZero();
		Resumed resumed = resumed(vm, vm.resume(0));
		vm.replaceThread();
		return resumed;
	}

	private static Resumed resumed(LuaVm vm, int status) {
		assertThat(vm.resumedTop()).isEqualTo(vm.threadStack().top());
		return new Resumed(status, vm.resumedTop(), vm.resumedCode());
	}

	record Resumed(int status, int top, int code) {
	}

}
