package dev.luayield.runner;

import dev.luayield.engine.LuaVm;
import dev.luayield.engine.LuaVmStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the properties that keep the protocol's cost flat: proxy closures are made once
 * per method actually called, not per invocation nor per method declared, and a reused
 * state creates nothing that LuaJava must remember.
 */
class ProtocolCostTests {

	@Test
	void whenEndpointHas200MethodsThenEachCallWorksAndOnlyCalledMethodsGetAClosure() {
		try (TestRuntime runtime = new TestRuntime(1, TestRuntime.endpoint("wide", new WideEndpoint()))) {
			assertThat(runtime.table.methods()).hasSize(200);
			assertThat(runtime.runner.eval("return wide:m200(1) + wide:m001(1)")).isEqualTo(203L);
			for (int i = 0; i < 100; i++) {
				assertThat(runtime.runner.eval("return wide:m137(...)", i)).isEqualTo(i + 137L);
			}
			LuaVm vm = borrow(runtime);
			try {
				assertThat(LuaVmStats.proxyClosuresMade(vm)).isEqualTo(3);
			}
			finally {
				runtime.pool.returnObject(vm);
			}
		}
	}

	@Test
	void whenStateIsCreatedThenNoClosureIsMadeUpFront() {
		try (TestRuntime runtime = new TestRuntime(1, TestRuntime.endpoint("wide", new WideEndpoint()))) {
			LuaVm vm = borrow(runtime);
			try {
				assertThat(LuaVmStats.proxyClosuresMade(vm)).isZero();
			}
			finally {
				runtime.pool.returnObject(vm);
			}
		}
	}

	@Test
	void when100000InvocationsRunOnAPoolOf2ThenStatesAndThreadsStayFlat() throws Exception {
		try (TestRuntime runtime = new TestRuntime(2, TestRuntime.endpoint("world", new World()))) {
			runtime.runner.eval("return 1");
			int baseline = LuaJavaInternals.liveLuaStates();
			Thread[] threads = new Thread[2];
			for (int t = 0; t < threads.length; t++) {
				threads[t] = new Thread(() -> {
					for (int i = 0; i < 50_000; i++) {
						if (i % 1000 == 999) {
							try {
								runtime.runner.eval("error('every thousandth fails')");
							}
							catch (RuntimeException expected) {
								// A failed invocation replaces the
								// coroutine: that must not leak either.
							}
						}
						else {
							runtime.runner.eval("return world:get_hp(1) + ...", i);
						}
					}
				});
				threads[t].start();
			}
			for (Thread thread : threads) {
				thread.join();
			}
			assertThat(runtime.pool.getCreatedCount()).isLessThanOrEqualTo(2);
			assertThat(runtime.pool.getDestroyedCount()).isZero();
			assertThat(LuaJavaInternals.liveLuaStates()).isBetween(baseline, baseline + 2);
		}
		assertThat(LuaJavaInternals.liveLuaStates()).isZero();
	}

	private static LuaVm borrow(TestRuntime runtime) {
		try {
			return runtime.pool.borrowObject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
