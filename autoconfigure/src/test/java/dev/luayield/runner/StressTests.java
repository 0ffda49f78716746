package dev.luayield.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaTimeoutException;
import dev.luayield.sandbox.LuaVmSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Eight threads, 5,000 invocations each, on a pool of four: good, failing and timing-out
 * scripts mixed. Every call is accounted for, nothing leaks, nothing deadlocks.
 */
class StressTests {

	@Test
	void whenGoodFailingAndTimingOutScriptsRunConcurrentlyThenEveryCallIsAccountedFor() {
		int baseline = LuaJavaInternals.liveLuaStates();
		AtomicInteger good = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		AtomicInteger timedOut = new AtomicInteger();
		AtomicInteger unexpected = new AtomicInteger();
		try (TestRuntime runtime = new TestRuntime(4, LuaVmSettings.defaults(), 1000, Duration.ofMillis(20),
				TestRuntime.endpoint("world", new World()))) {
			// Endpoint calls check the deadline: a thread the scheduler leaves
			// waiting for 20 ms on this shared machine would time out a good
			// script, so only the endless one runs with the short limit.
			LuaScriptRunner patient = runtime.runner.with(LuaOptions.defaults().withTimeout(Duration.ofSeconds(30)));
			assertTimeoutPreemptively(Duration.ofMinutes(4), () -> {
				ExecutorService threads = Executors.newFixedThreadPool(8);
				try {
					List<Future<?>> done = new ArrayList<>();
					for (int t = 0; t < 8; t++) {
						int thread = t;
						done.add(threads.submit(() -> {
							for (int i = 0; i < 5000; i++) {
								int kind = (i * 8 + thread) % 100;
								try {
									if (kind < 2) {
										runtime.runner.eval("while true do end");
									}
									else if (kind < 12) {
										patient.eval("local hp = world:get_hp(1) error('failing ' .. hp)");
									}
									else {
										Object hp = patient.eval("return world:get_hp(...)", 1 + (i % 2));
										if (hp instanceof Long) {
											good.incrementAndGet();
											continue;
										}
									}
									unexpected.incrementAndGet();
								}
								catch (LuaTimeoutException ex) {
									timedOut.incrementAndGet();
								}
								catch (LuaScriptException ex) {
									if (ex.getMessage().contains("failing 45")) {
										failed.incrementAndGet();
									}
									else {
										unexpected.incrementAndGet();
									}
								}
							}
						}));
					}
					for (Future<?> future : done) {
						future.get(4, TimeUnit.MINUTES);
					}
				}
				finally {
					threads.shutdownNow();
				}
			});
			assertThat(unexpected).hasValue(0);
			assertThat(good.get() + failed.get() + timedOut.get()).isEqualTo(40_000);
			assertThat(timedOut).hasValue(800);
			assertThat(failed).hasValue(4000);
			assertThat(runtime.pool.getNumActive()).isZero();
			assertThat(runtime.pool.getCreatedCount() - runtime.pool.getDestroyedCount())
				.isEqualTo(runtime.pool.getNumIdle());
			assertThat(LuaJavaInternals.liveLuaStates() - baseline).as("Lua states and threads LuaJava still records")
				.isLessThanOrEqualTo(2 * runtime.pool.getNumIdle());
		}
		assertThat(LuaJavaInternals.liveLuaStates()).isEqualTo(baseline);
	}

}
