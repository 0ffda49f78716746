package dev.luayield.runner;

import java.util.List;
import java.util.Map;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaTrace;
import dev.luayield.engine.LuaVm;
import dev.luayield.engine.LuaVmStats;
import dev.luayield.sandbox.LuaVmSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Least privilege per invocation: a grant in the options or in {@code lua.permissions.*}
 * decides which endpoints a script sees and which methods it may call. What it leaves out
 * is as absent as an undefined global, and stays out whatever the script tries.
 */
class GrantTests {

	private final World world = new World();

	private final Admin admin = new Admin();

	private final TestRuntime runtime = new TestRuntime("classpath:/lua-grants/", 1, LuaVmSettings.defaults(),
			1_000_000, java.time.Duration.ofSeconds(5), TestRuntime.endpoint("world", this.world),
			TestRuntime.endpoint("admin", this.admin));

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@Test
	void whenAnInvocationIsGrantedOneEndpointThenAnotherIsAnUndefinedGlobalAtTheScriptsLine() {
		LuaScriptRunner granted = this.runtime.runner.with(LuaOptions.defaults().withEndpoints("world"));
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> granted.eval("local hp = world:get_hp(1)\nreturn admin:wipe()"))
			.withMessage("eval:2: attempt to index global 'admin' (a nil value)")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(2));
		assertThat(this.admin.wiped).isZero();
		assertThat(granted.eval("return world:get_hp(1)")).isEqualTo(45L);
	}

	@Test
	void whenANamedScriptIsOutsideItsGrantThenItGetsLuasOwnErrorAtItsLine() {
		LuaScriptRunner granted = this.runtime.runner.with(LuaOptions.defaults().withEndpoints("world"));
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> granted.run("mods/wipe"))
			.withMessage("mods/wipe.lua:2: attempt to index global 'admin' (a nil value)")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(2));
	}

	@Test
	void whenTheSameStateRunsWithAndWithoutAGrantThenEachSeesItsOwn() {
		LuaScriptRunner granted = this.runtime.runner.with(LuaOptions.defaults().withEndpoints("admin"));
		for (int i = 0; i < 3; i++) {
			assertThat(this.runtime.runner.run("peek")).isEqualTo("world,admin");
			assertThat(granted.run("peek")).isEqualTo("admin");
		}
		assertThat(this.runtime.runner.with(LuaOptions.defaults().withEndpoints()).run("peek")).isEqualTo("");
	}

	@Test
	void whenAGrantNamesAnUnknownEndpointThenItFailsAtOnceNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.runtime.runner.with(LuaOptions.defaults().withEndpoints("world", "wrold")))
			.withMessage("LuaOptions grants 'wrold', but there is no endpoint 'wrold' (endpoints: world, admin)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.runtime.runner.with(LuaOptions.defaults().withMethods("clinic.find_owners")))
			.withMessage("LuaOptions grants 'clinic.find_owners', but there is no endpoint 'clinic'"
					+ " (endpoints: world, admin)");
	}

	@Test
	void whenAGrantNamesAnUnknownMethodThenItFailsAtOnceNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.runtime.runner.with(LuaOptions.defaults().withMethods("admin.wype")))
			.withMessage("LuaOptions grants 'admin.wype', but endpoint 'admin' has no method 'wype'"
					+ " (its methods: count, wipe)");
	}

	@Test
	void whenMethodsAreGrantedThenOnlyThoseCanBeCalledAndTheOthersAreRefusedAtTheLine() {
		LuaScriptRunner granted = this.runtime.runner.with(LuaOptions.defaults().withMethods("admin.count"));
		assertThat(granted.eval("return admin:count()")).isEqualTo(0L);
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> granted.eval("\nreturn admin:wipe()"))
			.withMessage("eval:2: admin.wipe: not granted to this invocation (granted: admin.count)");
		assertThat(granted.eval("return world == nil")).isEqualTo(true);
		assertThat(this.admin.wiped).isZero();
	}

	@Test
	void whenAMethodOutsideTheGrantIsCaughtThenTheScriptCarriesOn() {
		LuaScriptRunner granted = this.runtime.runner.with(LuaOptions.defaults().withMethods("admin.count"));
		assertThat(granted.eval("local ok, e = pcall(function() local n = admin:wipe() return n end) return e"))
			.isEqualTo("eval:1: admin.wipe: not granted to this invocation (granted: admin.count)");
	}

	@Test
	void whenAMissingMethodIsCalledUnderAGrantThenNoMethodOutsideItIsSuggested() {
		LuaScriptRunner granted = this.runtime.runner.with(LuaOptions.defaults().withMethods("admin.count"));
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> granted.eval("return admin:wype()"))
			.withMessage("eval:1: admin.wype: no such method");
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> granted.eval("return admin:cont()"))
			.withMessage("eval:1: admin.cont: no such method; did you mean count?");
	}

	@Test
	void whenAStarIsGrantedThenTheWholeEndpointIs() {
		LuaScriptRunner granted = this.runtime.runner.with(LuaOptions.defaults().withMethods("admin.*"));
		assertThat(granted.eval("admin:wipe() return admin:count()")).isEqualTo(1L);
		assertThat(granted.run("peek")).isEqualTo("admin");
	}

	@Test
	void whenEndpointsAndMethodsAreBothGrantedThenTheGrantIsTheirUnion() {
		LuaScriptRunner granted = this.runtime.runner
			.with(LuaOptions.defaults().withEndpoints("admin").withMethods("world.get_hp", "admin.count"));
		assertThat(granted.eval("admin:wipe() return admin:count() + world:get_hp(1)")).isEqualTo(46L);
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> granted.eval("return world:damage(1, 1)"))
			.withMessage("eval:1: world.damage: not granted to this invocation (granted: admin, world.get_hp)");
	}

	@Test
	void whenAScriptLooksForAnEndpointOutsideItsGrantThenItFindsItNowhere() {
		LuaScriptRunner granted = this.runtime.runner.with(LuaOptions.defaults().withEndpoints("world"));
		assertThat(granted.eval(HostileScripts.read("grant/reach_hidden"))).isEqualTo("");
		assertThat(this.admin.wiped).isZero();
	}

	@Test
	void whenAnInvocationWithEveryEndpointStashesAMethodThenALaterGrantedOneOnTheSameStateCannotFindIt() {
		assertThat(this.runtime.runner.eval(HostileScripts.read("grant/stash"))).isNotNull();
		LuaScriptRunner granted = this.runtime.runner.with(LuaOptions.defaults().withEndpoints("world"));
		assertThat(granted.eval(HostileScripts.read("grant/find_stash"))).isEqualTo(0L);
		assertThat(this.runtime.pool.getCreatedCount()).isOne();
	}

	@Test
	void whenAGrantIsUsedAgainThenItIsResolvedAndBuiltOncePerState() throws Exception {
		LuaVm vm = this.runtime.pool.borrowObject();
		long before = LuaVmStats.proxyClosuresMade(vm);
		this.runtime.pool.returnObject(vm);
		for (int i = 0; i < 20; i++) {
			LuaScriptRunner granted = this.runtime.runner.with(LuaOptions.defaults().withMethods("admin.count"));
			assertThat(granted.eval("return admin:count()")).isEqualTo(0L);
		}
		vm = this.runtime.pool.borrowObject();
		try {
			// One closure for the narrowed proxy's one method: the proxy was built once.
			assertThat(LuaVmStats.proxyClosuresMade(vm) - before).isOne();
		}
		finally {
			this.runtime.pool.returnObject(vm);
		}
	}

	@Test
	void whenRunnersBuiltApartAlternateOnOneStateThenNeitherRebuildsTheOthersGrant() throws Exception {
		LuaScriptRunner fromOptions = this.runtime.runner.with(LuaOptions.defaults().withMethods("admin.count"));
		DefaultLuaScriptRunner configured = withPermissions(Map.of("eval", List.of("admin.count")));
		LuaVm vm = this.runtime.pool.borrowObject();
		long before = LuaVmStats.proxyClosuresMade(vm);
		this.runtime.pool.returnObject(vm);
		for (int i = 0; i < 10; i++) {
			assertThat(fromOptions.eval("return admin:count()")).isEqualTo(0L);
			assertThat(configured.eval("return admin:count()")).isEqualTo(0L);
		}
		vm = this.runtime.pool.borrowObject();
		try {
			// One narrowed proxy per grant, each built once: a shared index would
			// rebuild them in turn, a new proxy and closure each time.
			assertThat(LuaVmStats.proxyClosuresMade(vm) - before).isEqualTo(2);
		}
		finally {
			this.runtime.pool.returnObject(vm);
		}
	}

	@Test
	void whenPermissionsAreConfiguredThenTheLongestPrefixOnWholeSegmentsApplies() {
		DefaultLuaScriptRunner runner = withPermissions(
				Map.of("mods", List.of("world"), "mods/admin", List.of("admin"), "eval", List.of()));
		runner.checkPermissions();
		assertThat(runner.run("mods/peek")).isEqualTo("world");
		assertThat(runner.run("mods/admin/peek")).isEqualTo("admin");
		assertThat(runner.run("modsx/peek")).isEqualTo("world,admin");
		assertThat(runner.run("peek")).isEqualTo("world,admin");
		assertThat(runner.eval("return world == nil and admin == nil")).isEqualTo(true);
	}

	@Test
	void whenTheCallersOptionsCarryAGrantThenItReplacesTheConfiguredOne() {
		DefaultLuaScriptRunner runner = withPermissions(Map.of("mods", List.of("world")));
		assertThat(runner.with(LuaOptions.defaults().withEndpoints("admin")).run("mods/peek")).isEqualTo("admin");
		assertThat(runner.with(LuaOptions.readOnly()).run("mods/peek")).isEqualTo("world");
	}

	@Test
	void whenAConfiguredPermissionNamesAnUnknownEndpointThenTheCheckFailsNamingTheProperty() {
		DefaultLuaScriptRunner runner = withPermissions(Map.of("mods", List.of("world", "dice.roll")));
		assertThatIllegalArgumentException().isThrownBy(runner::checkPermissions)
			.withMessage("lua.permissions.mods grants 'dice.roll', but there is no endpoint 'dice'"
					+ " (endpoints: world, admin)");
	}

	@Test
	void whenAConfiguredPermissionHasABlankEntryThenTheCheckFails() {
		DefaultLuaScriptRunner runner = withPermissions(Map.of("mods", List.of("world", " ")));
		assertThatIllegalArgumentException().isThrownBy(runner::checkPermissions)
			.withMessageStartingWith("lua.permissions.mods: an entry is blank");
	}

	@Test
	void whenAnInvocationIsTracedThenTheTraceCarriesItsGrant() {
		LuaTrace trace = new LuaTrace();
		this.runtime.runner.with(LuaOptions.defaults().withMethods("world.get_hp", "admin.*").withTrace(trace))
			.eval("return world:get_hp(1)");
		assertThat(trace.getGrant()).containsExactly("world.get_hp", "admin");
		LuaTrace ungranted = new LuaTrace();
		this.runtime.runner.with(LuaOptions.defaults().withTrace(ungranted)).eval("return world:get_hp(1)");
		assertThat(ungranted.getGrant()).isNull();
		LuaTrace configured = new LuaTrace();
		withPermissions(Map.of("mods", List.of("world"))).with(LuaOptions.defaults().withTrace(configured))
			.run("mods/peek");
		assertThat(configured.getGrant()).containsExactly("world");
	}

	@Test
	void whenAnEndpointIsOutsideTheGrantThenRequireDoesNotHandItOut() {
		assertThat(this.runtime.runner.eval("return require('admin') == admin")).isEqualTo(true);
		LuaScriptRunner granted = this.runtime.runner.with(LuaOptions.defaults().withEndpoints("world"));
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> granted.eval("return require('admin')"))
			.withMessageContaining("module 'admin' not found");
	}

	private DefaultLuaScriptRunner withPermissions(Map<String, List<String>> permissions) {
		return ((DefaultLuaScriptRunner) this.runtime.runner).withPermissions(permissions);
	}

	public static class Admin {

		int wiped;

		public int wipe() {
			return ++this.wiped;
		}

		public int count() {
			return this.wiped;
		}

	}

}
