package dev.luayield.runner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.luayield.LuaPoolExhaustedException;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.conversion.ValueReaders;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.endpoint.EndpointCallObserver;
import dev.luayield.endpoint.EndpointMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What happens when things go wrong around a script: the pool runs dry, invocations nest
 * until they would wait for themselves, or the source itself is garbage.
 */
class FailureSemanticsTests {

	@Test
	void whenPoolIsExhaustedThenAThirdCallerWaitsMaxWaitAndIsRejected() throws Exception {
		Gate gate = new Gate();
		try (TestRuntime runtime = new TestRuntime(2, TestRuntime.endpoint("gate", gate))) {
			ExecutorService holders = Executors.newFixedThreadPool(2);
			try {
				Future<?> first = holders.submit(() -> runtime.runner.eval("return gate:hold()"));
				Future<?> second = holders.submit(() -> runtime.runner.eval("return gate:hold()"));
				assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
				long start = System.nanoTime();
				assertThatExceptionOfType(LuaPoolExhaustedException.class)
					.isThrownBy(() -> runtime.runner.eval("return 1"))
					.withMessageContaining("no Lua state became free within 500 ms")
					.withMessageContaining("lua.pool.max-total=2, 2 in use");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it waited for max-wait first")
					.isGreaterThanOrEqualTo(Duration.ofMillis(400));
				gate.release.countDown();
				assertThat(first.get(10, TimeUnit.SECONDS)).isNull();
				assertThat(second.get(10, TimeUnit.SECONDS)).isNull();
			}
			finally {
				gate.release.countDown();
				holders.shutdownNow();
			}
			assertThat(runtime.runner.eval("return 1")).isEqualTo(1L);
		}
	}

	@Test
	void whenNestedInvocationsWouldWaitForThemselvesThenTheyFailAtOnce() {
		Nester nester = new Nester();
		try (TestRuntime runtime = new TestRuntime(2, TestRuntime.endpoint("nester", nester))) {
			nester.runner = runtime.runner;
			assertThat(runtime.runner.eval("return nester:nest(1)")).isEqualTo(0L);
			long start = System.nanoTime();
			assertThatExceptionOfType(LuaScriptException.class)
				.isThrownBy(() -> runtime.runner.eval("return nester:nest(2)"))
				.withMessageContaining("this thread's outer invocations already hold all 2 (lua.pool.max-total)")
				.withMessageContaining("it would wait for itself forever");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no waiting for max-wait")
				.isLessThan(Duration.ofMillis(450));
			assertThat(runtime.pool.getNumActive()).isZero();
			assertThat(runtime.runner.eval("return nester:nest(1)")).isEqualTo(0L);
		}
	}

	@Test
	void whenSourceIsGarbageThenEveryKindFailsCleanly() {
		try (TestRuntime runtime = new TestRuntime(1, TestRuntime.endpoint("world", new World()))) {
			LuaScriptRunner runner = runtime.runner;
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runner.eval("return 'never ends"))
				.withMessageContaining("unfinished string");
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runner.eval("return [[ long"))
				.withMessageContaining("unfinished long string");
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runner.eval("x = 1\u0000 y = 2"))
				.withMessageContaining("eval:1:");
			assertThatExceptionOfType(LuaScriptException.class)
				.isThrownBy(() -> runner.eval(new String(new byte[] { (byte) 0xff, (byte) 0xfe, 0x41, (byte) 0xc3 },
						StandardCharsets.ISO_8859_1)))
				.withMessageContaining("eval:1:");
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runner.eval("\u001bLJ\u0002binary"))
				.withMessageContaining("attempt to load a binary chunk");
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runner.eval((String) null))
				.withMessage("eval: source is null");
			String big = "return 1 --" + "x".repeat(10 * 1024 * 1024);
			assertThat(runner.eval(big)).isEqualTo(1L);
			String bigBroken = "return {" + "1,".repeat(2 * 1024 * 1024);
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runner.eval(bigBroken));
			assertThat(runner.eval("return world:get_hp(1)")).isEqualTo(45L);
		}
	}

	@Test
	void whenSomethingOutsideTheProtocolFailsMidRunThenTheStateIsNotReused() throws Exception {
		World world = new World();
		DispatchTable table = DispatchTable.build(java.util.List.of(TestRuntime.endpoint("world", world)),
				new ValueReaders(new org.springframework.boot.convert.ApplicationConversionService()));
		boolean[] failNext = { true };
		EndpointCallObserver failing = (script, method) -> {
			if (failNext[0]) {
				failNext[0] = false;
				throw new IllegalStateException("observer broke");
			}
			return (failure, exception) -> {
			};
		};
		try (TestRuntime runtime = new TestRuntime(1, TestRuntime.endpoint("world", world))) {
			LuaScriptRunner runner = LuaYield.builder()
				.pool(runtime.pool)
				.endpoints(() -> table)
				.observer(failing)
				.maxCalls(1000)
				.timeout(null)
				.build()
				.runner();
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> runner.eval("local a = world:get_hp(1) return 'first script went on'"));
			assertThat(runtime.pool.getDestroyedCount()).isEqualTo(1);
			assertThat(runner.eval("return world:get_hp(2)")).isEqualTo(100L);
		}
	}

	@Test
	void whenScriptNameIsMalformedThenNoStateIsBorrowed() {
		try (TestRuntime runtime = new TestRuntime(1, TestRuntime.endpoint("world", new World()))) {
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runtime.runner.run("../etc/passwd"))
				.withMessageStartingWith("invalid script name '../etc/passwd'");
			assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> runtime.runner.run("missing/script"))
				.withMessage("no script 'missing/script' (looked for classpath:/lua/missing/script.lua)");
			assertThat(runtime.pool.getNumActive()).isZero();
		}
	}

	/**
	 * Holds invocations until released.
	 */
	public static class Gate {

		final CountDownLatch entered = new CountDownLatch(2);

		final CountDownLatch release = new CountDownLatch(1);

		public void hold() throws InterruptedException {
			this.entered.countDown();
			this.release.await(10, TimeUnit.SECONDS);
		}

	}

	/**
	 * Calls the runner from inside an endpoint call.
	 */
	public static class Nester {

		LuaScriptRunner runner;

		public long nest(long depth) {
			if (depth == 0) {
				return 0;
			}
			return this.runner.eval("return nester:nest(...)", Long.class, depth - 1);
		}

	}

}
