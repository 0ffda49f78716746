package dev.luayield.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import party.iroiro.luajava.luajit.LuaJit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs LuaJIT's own test suite (the LuaJIT-test-cleanup repository, which is not ours to
 * ship) through {@code runner.eval} and through a plain LuaJIT state, and requires every
 * block that needs no library the sandbox removes to end the same way in both: once as
 * written, and once inside a script coroutine that calls an endpoint before the block
 * runs, so every block also runs after a host request has travelled up through a user
 * coroutine. Point {@code -Dluajit.testsuite.dir} at the suite's {@code test} directory
 * to run it; without it the test is skipped.
 */
class LuaJitSuiteTests {

	private static final Pattern BLOCK = Pattern.compile("(?m)^do +--- +([^\\r\\n]+)");

	private static final Pattern REMOVED = Pattern
		.compile("\\b(debug|io|jit|ffi|package|dofile|loadfile|collectgarbage|newproxy|gcinfo|print)\\b"
				+ "|string\\.dump|\\bos\\.(?!time\\b|clock\\b|date\\b)");

	private static final List<String> UNWANTED_TAGS = List.of("+ffi", "+jit", "+slow", "+lua>=5.2", "+compat5.2",
			"!lex");

	/** Where the sandbox differs on purpose, by file and block. */
	private static final Map<String, String> DOCUMENTED_DIFFERENCES = Map.of("lib/contents.lua:string",
			"string.dump is removed: it turns functions into bytecode, and bytecode escapes the sandbox",
			"lib/contents.lua:os", "os keeps only time, clock and date", "lib/base/pairs.lua:_G",
			"the block counts at least 35 globals; the sandbox removes io, debug, jit, package, dofile...");

	private static TestRuntime runtime;

	private static LuaJit plain;

	@BeforeAll
	static void start() {
		runtime = new TestRuntime(1, TestRuntime.endpoint("probe", new Probe()));
		plain = new LuaJit();
		plain.openLibraries();
	}

	@AfterAll
	static void stop() {
		if (runtime != null) {
			runtime.close();
			plain.close();
		}
	}

	@TestFactory
	Stream<DynamicTest> blocksBehaveAsOnPlainLuaJit() throws IOException {
		String dir = System.getProperty("luajit.testsuite.dir");
		assumeTrue(dir != null, "set -Dluajit.testsuite.dir to LuaJIT-test-cleanup's test directory");
		Path root = Path.of(dir);
		List<Path> files = new ArrayList<>();
		collect(root, root, "", files);
		String expectError = Files.readString(root.resolve("common/expect_error.lua"));
		List<DynamicTest> tests = new ArrayList<>();
		for (Path file : files) {
			String source = Files.readString(file, StandardCharsets.ISO_8859_1);
			String name = root.relativize(file).toString();
			tests.add(DynamicTest.dynamicTest(name, () -> compare(name, source, expectError, false)));
			tests.add(DynamicTest.dynamicTest(name + " (in a coroutine calling an endpoint)",
					() -> compare(name, source, expectError, true)));
		}
		return tests.stream();
	}

	private static void collect(Path root, Path dir, String inherited, List<Path> files) throws IOException {
		for (String line : Files.readAllLines(dir.resolve("index"))) {
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.trim().split(" +", 2);
			String tags = inherited + ((parts.length > 1) ? " " + parts[1] : "");
			if (UNWANTED_TAGS.stream().anyMatch(tags::contains)) {
				continue;
			}
			Path entry = dir.resolve(parts[0]);
			if (Files.isDirectory(entry)) {
				collect(root, entry, tags, files);
			}
			else {
				files.add(entry);
			}
		}
	}

	private static void compare(String name, String source, String expectError, boolean inCoroutine) {
		Map<String, String> blocks = new LinkedHashMap<>();
		String chunk = toChunk(source, expectError, inCoroutine, blocks);
		String expected = runPlain(name, chunk.replace("probe:ping();", ""), inCoroutine);
		String actual = String.valueOf(runtime.runner.eval(chunk + driver(inCoroutine)));
		Map<String, String> expectedByBlock = parse(expected);
		Map<String, String> actualByBlock = parse(actual);
		int compared = 0;
		boolean prefixUsesRemovedLibrary = REMOVED.matcher(prefixOf(source)).find();
		for (Map.Entry<String, String> block : blocks.entrySet()) {
			String info = block.getKey();
			if (UNWANTED_TAGS.stream().anyMatch(info::contains) || REMOVED.matcher(block.getValue()).find()
					|| prefixUsesRemovedLibrary
					|| DOCUMENTED_DIFFERENCES.containsKey(name + ":" + info.split(" ")[0])) {
				continue;
			}
			assertThat(actualByBlock.get(info)).as("%s: block '%s'", name, info).isEqualTo(expectedByBlock.get(info));
			compared++;
		}
		System.out.printf("%s%s: %d of %d blocks compared%n", name, inCoroutine ? " (coroutine)" : "", compared,
				blocks.size());
	}

	private static String prefixOf(String source) {
		Matcher matcher = BLOCK.matcher(source);
		return matcher.find() ? source.substring(0, matcher.start()) : source;
	}

	/**
	 * Turns a suite file into a chunk that defines its blocks as functions, as the
	 * suite's own runner does: the file's leading definitions stay locals shared by every
	 * block.
	 */
	private static String toChunk(String source, String expectError, boolean inCoroutine, Map<String, String> blocks) {
		String body = source.replaceAll("require *\\(? *[\"']common\\.expect_error[\"'] *\\)?",
				"(function() " + Matcher.quoteReplacement(expectError.replace("\n", " ")) + " end)()");
		Matcher matcher = BLOCK.matcher(body);
		StringBuilder chunk = new StringBuilder("local __blocks = (function() ");
		String separator = "return {";
		int last = 0;
		int blockStart = -1;
		String info = null;
		while (matcher.find()) {
			if (info != null) {
				blocks.put(info, body.substring(blockStart, matcher.start()));
			}
			chunk.append(body, last, matcher.start());
			info = matcher.group(1).trim();
			chunk.append(separator)
				.append(luaString(info))
				.append(", function() ")
				.append(inCoroutine ? "probe:ping(); " : "");
			separator = ", ";
			if (info.contains(" !lex")) {
				// Blocks that must not even compile are
				// commented out, as the suite's runner does.
				chunk.append("end--[========[");
				separator = "]========]" + separator;
			}
			last = matcher.end();
			blockStart = matcher.end();
		}
		if (info != null) {
			blocks.put(info, body.substring(blockStart));
		}
		chunk.append(body.substring(last));
		if (separator.startsWith("]========]")) {
			chunk.append("]========]");
		}
		chunk.append(" } end)()\n");
		return chunk.toString();
	}

	private static String driver(boolean inCoroutine) {
		String call = inCoroutine ? "coroutine.wrap(function() return pcall(f) end)()" : "pcall(f)";
		return "local out = {}\n" + "for i = 1, #__blocks, 2 do\n" + "  local f = __blocks[i + 1]\n"
				+ "  local ok, err = " + call + "\n"
				+ "  out[#out + 1] = __blocks[i] .. '\\1' .. (ok and 'ok' or ('error: ' .. tostring(err)))\n" + "end\n"
				+ "return table.concat(out, '\\2')";
	}

	private static String runPlain(String name, String chunk, boolean inCoroutine) {
		plain.load(chunk + driver(inCoroutine));
		plain.pCall(0, 1);
		String result = plain.toString(-1);
		plain.pop(1);
		return result;
	}

	private static Map<String, String> parse(String results) {
		Map<String, String> byBlock = new LinkedHashMap<>();
		for (String entry : results.split("\u0002")) {
			String[] parts = entry.split("\u0001", 2);
			if (parts.length == 2) {
				byBlock.put(parts[0], parts[1].replaceAll("\\[string \"[^\"]*\"\\]|eval", "<chunk>"));
			}
		}
		return byBlock;
	}

	private static String luaString(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/**
	 * The endpoint each block calls first in coroutine mode.
	 */
	public static class Probe {

		public int ping() {
			return 1;
		}

	}

}
