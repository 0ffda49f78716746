package dev.luayield.runner;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.luayield.LuaScriptException;
import dev.luayield.sandbox.LuaVmSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Hostile scripts against the sandbox (one file each under
 * {@code src/test/resources/hostile/escape}): nothing outside the endpoints and the safe
 * libraries is reachable, nothing shared can be changed, and the next invocation on the
 * same state sees clean globals.
 */
class SandboxTests {

	private final TestRuntime runtime = new TestRuntime(1, TestRuntime.endpoint("world", new World()));

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			io_open              | attempt to index global 'io' (a nil value)
			os_execute           | attempt to call field 'execute' (a nil value)
			os_getenv            | attempt to call field 'getenv' (a nil value)
			debug_registry       | attempt to index global 'debug' (a nil value)
			ffi_require          | module 'ffi' not found or invalid
			ffi_global           | attempt to index global 'ffi' (a nil value)
			jit_global           | attempt to index global 'jit' (a nil value)
			package_loadlib      | attempt to index global 'package' (a nil value)
			dofile               | attempt to call global 'dofile' (a nil value)
			loadfile             | attempt to call global 'loadfile' (a nil value)
			java_import          | attempt to index global 'java' (a nil value)
			string_dump          | attempt to call field 'dump' (a nil value)
			load_binary          | attempt to load a binary chunk
			setfenv_zero         | level 0 belongs to the sandbox
			collectgarbage_stop  | only "count" is available in the sandbox
			string_metatable     | attempt to index a boolean value
			rawset_proxy         | attempt to modify a read-only table
			assign_proxy         | attempt to modify a read-only table
			table_insert_proxy   | attempt to modify a read-only table
			setmetatable_proxy   | cannot change a protected metatable
			newproxy             | attempt to call global 'newproxy' (a nil value)
			""")
	void whenScriptReachesForSomethingRemovedThenItGetsAnError(String name, String fragment) {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval(HostileScripts.read("escape/" + name)))
			.withMessageContaining(fragment);
		assertNextInvocationIsClean();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			getfenv_zero       | the script's own environment, which has no io
			getmetatable_proxy | the proxy's metatable is hidden
			coroutine_running  | the host coroutine is invisible, as the main thread is in plain Lua
			""")
	void whenScriptProbesForAWayOutThenItFindsNothing(String name, String reason) {
		assertThat(this.runtime.runner.eval(HostileScripts.read("escape/" + name))).as(reason).isIn(null, false);
	}

	@Test
	void whenTheStatesCoroutineWasReplacedThenTheNewOneIsTheHostAScriptCannotYieldFrom() {
		// An endpoint's JVM error replaces the coroutine and keeps the state: the next
		// invocation starts on a coroutine the sandbox has not seen.
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.runtime.runner.eval("world:fatal()"));
		assertThat(this.runtime.pool.getDestroyedCount()).isZero();
		for (int i = 0; i < 2; i++) {
			assertThat(this.runtime.runner.eval("return coroutine.running() == nil")).isEqualTo(true);
			assertThat(this.runtime.runner.eval("return coroutine.isyieldable()")).isEqualTo(false);
			assertThat(this.runtime.runner.eval("local ok, e = pcall(coroutine.yield, 1) return e"))
				.isEqualTo("attempt to yield from outside a coroutine");
		}
	}

	@Test
	void whenScriptReplacesALibraryFunctionThenOnlyItsOwnCopyChanges() {
		assertThat(this.runtime.runner.eval(HostileScripts.read("escape/string_lib_replace"))).isEqualTo("X");
		assertThat(this.runtime.runner.eval("return string.upper('x')")).isEqualTo("X");
		assertThat(this.runtime.runner.eval("return world:get_hp(1)")).isEqualTo(45L);
	}

	@Test
	void whenScriptListsGlobalsThenOnlyTheSafeOnesAreThere() {
		String globals = (String) this.runtime.runner.eval(HostileScripts.read("escape/list_globals"));
		assertThat(List.of(globals.split(",")))
			.contains("string", "table", "math", "bit", "coroutine", "os", "print", "pcall", "require", "world", "_G")
			.doesNotContain("io", "debug", "jit", "ffi", "package", "java", "dofile", "loadfile", "newproxy", "module",
					"__jthrowable__");
	}

	@Test
	void whenScriptUsesTheSafeOsFunctionsThenTheyWork() {
		assertThat(this.runtime.runner.eval("return type(os.time()) == 'number' and type(os.clock()) == 'number'"
				+ " and type(os.date('%Y')) == 'string'"))
			.isEqualTo(true);
	}

	@Test
	void whenScriptPrintsThenTheLineGoesToTheScriptsLogger() {
		Logger logger = (Logger) LoggerFactory.getLogger("lua.eval");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			this.runtime.runner.eval("print('hello', 42, nil, true)");
			this.runtime.runner.eval("local s = ('x'):gsub('x', function() print('from a callback') return 'y' end)");
		}
		finally {
			logger.detachAppender(appender);
		}
		assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("hello\t42\tnil\ttrue", "from a callback");
	}

	@Test
	void whenLibraryIsAllowedThenScriptsCanUseIt() {
		try (TestRuntime permissive = new TestRuntime(1, LuaVmSettings.defaults().withAllowedLibraries(List.of("os")),
				1000, TestRuntime.endpoint("world", new World()))) {
			assertThat(permissive.runner.eval("return type(os.getenv)")).isEqualTo("function");
		}
	}

	private void assertNextInvocationIsClean() {
		this.runtime.runner.eval("leaked = true; world_backup = world");
		assertThat(this.runtime.runner.eval("return { leaked == nil, world_backup == nil, world:get_hp(1) }"))
			.isEqualTo(List.of(true, true, 45L));
	}

}
