package dev.luayield.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.luayield.LuaTrace;
import dev.luayield.engine.LuaVm;
import dev.luayield.sandbox.LuaVmSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Replaying traces that came from an attacker: a trace is data read from a file, so its
 * method names must never become code, and the script must run under the limits of a live
 * run.
 */
class HostileTraceTests {

	@TempDir
	Path dir;

	private final LuaReplay replay = new LuaReplay("classpath:/lua/");

	@Test
	void whenAMethodNameIsLuaCodeThenReplayFailsWithoutRunningIt() {
		Path marker = this.dir.resolve("marker");
		String method = "x=os[\"execute\"](\"touch " + marker + "\"),y.m";
		LuaTrace trace = trace(method);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.replay.replaySource("return 1", trace))
			.withMessageContaining("'" + method + "'");
		assertThat(marker).doesNotExist();
	}

	@Test
	void whenTheEndpointOfANamedScriptsTraceIsCodeThenReplayFailsWithoutRunningIt() {
		Path marker = this.dir.resolve("marker");
		String method = "x=os.execute(\"touch " + marker + "\"),y.m";
		LuaTrace trace = new LuaTrace("uses_tally", List.of(), List.of(call(method)), 47L, null);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.replay.replay(trace))
			.withMessageContaining(method);
		assertThat(marker).doesNotExist();
	}

	@Test
	void whenAMethodNameIsNotEndpointDotMethodThenReplayNamesIt() {
		for (String method : List.of("world", "world.", ".get_hp", "world.get hp", "end.get_hp", "world.end",
				"world.get_hp.x", "os.execute", "1world.get_hp", "world.get_hp]")) {
			assertThatExceptionOfType(IllegalArgumentException.class).as(method)
				.isThrownBy(() -> this.replay.replaySource("return 1", trace(method)))
				.withMessage("call 1 of the trace has method '" + method
						+ "', which is not an endpoint method: use 'endpoint.method', both Lua identifiers");
		}
	}

	@Test
	void whenAStateIsMadeWithANameThatIsNotAnIdentifierThenItIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new LuaVm(Map.of("x=os.exit(),y", Map.of("m", 1)), LuaVmSettings.defaults()))
			.withMessage("endpoint name 'x=os.exit(),y' is not a Lua identifier");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new LuaVm(Map.of("world", Map.of("while", 1)), LuaVmSettings.defaults()))
			.withMessage("method name 'world.while' is not a Lua identifier");
	}

	@Test
	void whenTheReplayRunsForeverThenItHitsTheTimeLimit() {
		long started = System.nanoTime();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.replay.replaySource("while true do end", trace()))
			.withMessageStartingWith("the replay exceeded its time limit: ")
			.withMessageContaining("luayield: the script exceeded its time limit of 5000 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
	}

	@Test
	void whenTheTimeLimitIsGivenThenTheReplayUsesIt() {
		LuaReplay quick = new LuaReplay("classpath:/lua/", LuaVmSettings.defaults(), Duration.ofMillis(200));
		long started = System.nanoTime();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> quick.replaySource("local n = 0 while true do n = n + 1 end", trace()))
			.withMessageContaining("exceeded its time limit of 200 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void whenTheReplayAllocatesWithoutEndThenItHitsTheMemoryLimit() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.replay
				.replaySource("local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 64) .. i end", trace()))
			.withMessageContaining("luayield: the script exceeded its memory limit");
	}

	@Test
	void whenTheReplayIsWellBehavedThenTheLimitsDoNotGetInTheWay() {
		LuaTrace trace = new LuaTrace(null, List.of(3), List.of(), 6L, null);
		assertThat(this.replay.replaySource("local n = ... local s = 0 for i = 1, n do s = s + i end return s", trace))
			.isEqualTo(6L);
	}

	@Test
	void whenTheReplayCannotRequireOutsideTheLocationThenItSaysSo() throws Exception {
		Path outside = Files.writeString(this.dir.resolve("secret.lua"), "return 'DB_PASSWORD'");
		Path location = Files.createDirectory(this.dir.resolve("scripts"));
		Files.createSymbolicLink(location.resolve("settings.lua"), outside);
		LuaReplay replay = new LuaReplay(location.toUri().toString());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> replay.replaySource("return require('settings')", trace()))
			.withMessageContaining(
					"module 'settings' not found or invalid: script 'settings' is not a regular file under")
			.withMessageNotContaining("DB_PASSWORD");
	}

	@Test
	void whenAModuleIsMissingThenReplayHandsTheScriptTheErrorALiveRunWould() {
		String error = "module 'lib/nope' not found or invalid: no script 'lib/nope' (looked for classpath:/lua/lib/nope.lua)";
		LuaTrace trace = new LuaTrace(null, List.of(), List.of(), error, null);
		assertThat(this.replay.replaySource("local ok, err = pcall(require, 'lib/nope') return err", trace))
			.isEqualTo(error);
	}

	private static LuaTrace trace(String... methods) {
		return new LuaTrace(null, List.of(), java.util.Arrays.stream(methods).map(HostileTraceTests::call).toList(),
				null, null);
	}

	private static LuaTrace.Call call(String method) {
		return new LuaTrace.Call(method, List.of(), null, null, 0);
	}

}
