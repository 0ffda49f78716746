package dev.luayield.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaTrace;
import dev.luayield.sandbox.LuaVmSettings;

/**
 * Runs a script in a JVM of its own, for attacks that would kill the JVM running them: a
 * crash there fails one test instead of the whole build. {@link #main} runs the script
 * through a {@link TestRuntime}, then a plain invocation on the same state, and prints
 * what happened; {@link #run} starts it and reports the exit code and output.
 */
final class ChildJvm {

	/** A system property for the child: its time limit in milliseconds, 10 s if unset. */
	static final String TIMEOUT_PROPERTY = "luayield.probe.timeout-ms";

	private ChildJvm() {
	}

	/**
	 * Runs a script in a new JVM.
	 * @param script the Lua source, run as {@code eval}
	 * @param jvmOptions extra JVM options, such as {@code -Xmx512m}
	 * @return how the JVM ended
	 */
	static Result run(String script, String... jvmOptions) {
		try {
			Path file = Files.createTempFile("luayield-probe", ".lua");
			Files.writeString(file, script);
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(List.of(jvmOptions));
			command.add("-cp");
			command.add(System.getProperty("java.class.path"));
			command.add(ChildJvm.class.getName());
			command.add(file.toString());
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			boolean ended = process.waitFor(60, TimeUnit.SECONDS);
			if (!ended) {
				process.destroyForcibly().waitFor();
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			Files.deleteIfExists(file);
			return new Result(ended ? process.exitValue() : -1, output);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static void main(String[] args) throws IOException {
		String script = Files.readString(Path.of(args[0]));
		Duration timeout = Duration.ofMillis(Long.getLong(TIMEOUT_PROPERTY, 10_000));
		try (TestRuntime runtime = new TestRuntime(1, LuaVmSettings.defaults(), 1_000_000, timeout,
				TestRuntime.endpoint("world", new World()))) {
			long start = System.nanoTime();
			try {
				LuaScriptRunner runner = Boolean.getBoolean("luayield.probe.trace")
						? runtime.runner.with(LuaOptions.defaults().withTrace(new LuaTrace())) : runtime.runner;
				System.out.println("RESULT: " + runner.eval(script));
			}
			catch (LuaScriptException ex) {
				System.out.println("FAILED: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
			System.out.println("ELAPSED_MS: " + (System.nanoTime() - start) / 1_000_000);
			System.out.println(
					"AFTER: " + runtime.runner.eval("local t = {3, 1, 2} table.sort(t) return t[1] + world:get_hp(1)"));
		}
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmHWM:")) {
				System.out.println("PEAK_RSS_KB: " + line.replaceAll("\\D", ""));
			}
		}
	}

	/**
	 * How a child JVM ended.
	 *
	 * @param exitCode its exit code, or -1 if it was killed after a minute
	 * @param output what it printed
	 */
	record Result(int exitCode, String output) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + ":\n" + this.output;
		}

	}

}
