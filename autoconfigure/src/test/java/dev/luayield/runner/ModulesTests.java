package dev.luayield.runner;

import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@code require}: modules under the script location, compiled once per state,
 * run once per invocation.
 */
class ModulesTests {

	private final TestRuntime runtime = new TestRuntime(1, TestRuntime.endpoint("world", new World()));

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@Test
	void whenScriptRequiresAModuleThenItGetsTheModuleValue() {
		assertThat(this.runtime.runner.run("uses_tally")).isEqualTo(47L);
	}

	@Test
	void whenModuleKeepsStateThenEachInvocationStartsAfresh() {
		assertThat(this.runtime.runner.run("uses_tally")).isEqualTo(47L);
		assertThat(this.runtime.runner.run("uses_tally")).isEqualTo(47L);
	}

	@Test
	void whenRequiredTwiceInOneInvocationThenTheSameValueComesBack() {
		assertThat(this.runtime.runner.eval("return require('lib/tally') == require('lib/tally')")).isEqualTo(true);
	}

	@Test
	void whenModuleIsRequiredInsideACoroutineThenItLoads() {
		assertThat(
				this.runtime.runner.eval("return coroutine.wrap(function() return require('lib/tally').add(5) end)()"))
			.isEqualTo(5L);
	}

	@Test
	void whenStandardLibraryIsRequiredThenItIsReturned() {
		assertThat(this.runtime.runner.eval("return require('bit').band(6, 3) + require('string').len('ab')"))
			.isEqualTo(4L);
	}

	@Test
	void whenScriptDoesNotExistThenItIsALuaScriptNotFoundException() {
		assertThatExceptionOfType(LuaScriptNotFoundException.class)
			.isThrownBy(() -> this.runtime.runner.run("quest/nope"))
			.withMessageStartingWith("no script 'quest/nope'")
			.satisfies((ex) -> assertThat(ex.getScriptName()).isEqualTo("quest/nope"));
	}

	@Test
	void whenModuleDoesNotExistThenErrorNamesIt() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("local m = require('lib/nope')"))
			.withMessageStartingWith("eval:1: module 'lib/nope' not found or invalid: no script 'lib/nope'");
	}

	@Test
	void whenModuleDoesNotCompileThenErrorCarriesLuaMessage() {
		// Under a location of its own: start-up
		// validation would refuse one that holds it.
		try (TestRuntime broken = new TestRuntime("classpath:/lua-broken/", 1)) {
			assertThatExceptionOfType(LuaScriptException.class)
				.isThrownBy(() -> broken.runner.eval("local m = require('lib/broken')"))
				.withMessageContaining("module 'lib/broken' not found or invalid: lib/broken.lua:1:");
		}
	}

	@Test
	void whenModulesRequireEachOtherThenLoopIsReported() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("local m = require('lib/loop_a')"))
			.withMessageContaining("loop or previous error loading module 'lib/loop_a'");
	}

	@Test
	void whenModuleNameIsMalformedThenErrorSaysSo() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.runtime.runner.eval("local m = require('../secret')"))
			.withMessageContaining("invalid module name");
	}

}
