package dev.luayield.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import party.iroiro.luajava.luajit.LuaJit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pure-Lua pattern matcher (patterns.lua) against LuaJIT's native string functions on
 * a plain LuaJIT state: the differential spec must agree everywhere, hostile backtracking
 * must be stoppable by the step function within a bounded amount of work, {@code cheap}
 * must let ordinary calls through to the native functions, and the matcher's Lua
 * recursion must not grow with the subject.
 */
class PatternsSpecTests {

	private LuaJit lua;

	@BeforeEach
	void open() throws IOException {
		this.lua = new LuaJit();
		this.lua.openLibraries();
		// Loaded once as a function, so that every
		// snippet can build modules with its own step.
		this.lua.load(resource("/dev/luayield/sandbox/patterns.lua"), "=patterns.lua");
		this.lua.setGlobal("make_patterns");
	}

	@AfterEach
	void close() {
		this.lua.close();
	}

	@Test
	void specAgreesWithLuaJitOnCorpusAndFuzz() throws IOException {
		this.lua.load(resource("/dev/luayield/sandbox/patterns_spec.lua"), "=patterns_spec.lua");
		this.lua.getGlobal("make_patterns");
		this.lua.pCall(1, 1);
		String report = this.lua.toString(-1);
		assertThat(report).as(report).startsWith("ok ");
	}

	@Test
	void whenBacktrackingIsExponentialThenStepStopsItWithinOneQuantum() {
		String result = eval("""
				local units, calls, last, biggest = 0, 0, 0, 0
				local P = make_patterns(function(u)
				  calls, units = calls + 1, units + u
				  if u > biggest then biggest = u end
				  if units > 2e6 then last = calls; error('deadline', 0) end
				end)
				local ok, e = pcall(P.find, ('a'):rep(3000), '.-.-.-.-.-b')
				return table.concat({ tostring(ok), tostring(e), calls, last, biggest }, ' ')
				""");
		assertStoppedByStep(result);
	}

	@Test
	void whenALazyItemScansAMegabyteFromEveryStartThenStepStopsIt() {
		String result = eval("""
				local units, calls, last, biggest = 0, 0, 0, 0
				local P = make_patterns(function(u)
				  calls, units = calls + 1, units + u
				  if u > biggest then biggest = u end
				  if units > 5e6 then last = calls; error('deadline', 0) end
				end)
				local ok, e = pcall(P.find, ('x'):rep(1e6), '.-b')
				return table.concat({ tostring(ok), tostring(e), calls, last, biggest }, ' ')
				""");
		assertStoppedByStep(result);
	}

	/**
	 * The deadline error must come out unchanged, be the last step call, and follow many
	 * small ones: at most about a thousand matcher steps (well under a millisecond) pass
	 * between two checks, so the deadline is noticed long before 50 ms.
	 */
	private static void assertStoppedByStep(String result) {
		String[] parts = result.split(" ");
		assertThat(parts[0]).as(result).isEqualTo("false");
		assertThat(parts[1]).as(result).isEqualTo("deadline");
		assertThat(Integer.parseInt(parts[2])).as("no step after the raising one: " + result)
			.isEqualTo(Integer.parseInt(parts[3]));
		assertThat(Integer.parseInt(parts[2])).as("step calls: " + result).isGreaterThan(1000);
		assertThat(Integer.parseInt(parts[4])).as("largest work between steps: " + result).isLessThanOrEqualTo(1100);
	}

	@Test
	void plainFindAgreesWithNativeOnLongNeedlesAndWindowEdges() {
		String result = eval("""
				local P = make_patterns(function() end)
				local s = ('a'):rep(200000) .. 'b' .. ('a'):rep(70000) .. 'c'
				local bad = {}
				for _, c in ipairs {
				  { ('a'):rep(300) .. 'b' }, { 'ab' }, { 'ac' }, { ('a'):rep(65536) .. 'c' }, { 'b', -70002 },
				  { 'c', -1 }, { 'd' }, { '' , 1e9 }, { ('a'):rep(300) .. 'c', 200000 }, { s }, { s .. 'x' },
				} do
				  local a1, a2 = string.find(s, c[1], c[2], true)
				  local b1, b2 = P.plain_find(s, c[1], c[2])
				  if a1 ~= b1 or a2 ~= b2 then bad[#bad + 1] = #c[1] .. ':' .. tostring(a1) .. '/' .. tostring(b1) end
				end
				return #bad == 0 and 'ok' or table.concat(bad, ' ')
				""");
		assertThat(result).isEqualTo("ok");
	}

	@Test
	void whenANaivePlainSearchWouldBeQuadraticThenStepStopsPlainFind() {
		String result = eval("""
				local units, calls, last, biggest = 0, 0, 0, 0
				local P = make_patterns(function(u)
				  calls, units = calls + 1, units + u
				  if u > biggest then biggest = u end
				  if units > 1.2e6 then last = calls; error('deadline', 0) end
				end)
				local s, p = ('a'):rep(1e6), ('a'):rep(5e5) .. 'b'
				assert(not P.cheap(s, p, 1, true))
				local ok, e = pcall(P.find, s, p, 1, true)
				return table.concat({ tostring(ok), tostring(e), calls, last, biggest }, ' ')
				""");
		assertStoppedByStep(result);
	}

	@Test
	void cheapRejectsHostileCallsAndAcceptsOrdinaryOnes() {
		String result = eval("""
				local P = make_patterns(function() end)
				local s100 = ('k'):rep(50) .. '=' .. ('v'):rep(49)
				local s10k = ('x'):rep(10000) .. 'abc'
				return table.concat({
				  tostring(P.cheap(('a'):rep(3000), '.-.-.-.-.-b')),
				  tostring(P.cheap(('x'):rep(1e6), '.-b')),
				  tostring(P.cheap_gsub(('x'):rep(1e6), '.-b')),
				  tostring(P.cheap_gmatch(('x'):rep(1e5), '%w+%w+$')),
				  tostring(P.cheap(('a'):rep(1e6), ('a'):rep(1000) .. 'b', 1, true)),
				  tostring(P.cheap_gsub('hello world', 'o', '0')),
				  tostring(P.cheap_match(s100, '^(%w+)=(%w+)$')),
				  tostring(P.cheap(s10k, 'abc', 1, true)),
				  tostring(P.cheap(s10k, 'abc')),
				  tostring(P.cheap_gmatch(('word '):rep(20), '%a+')),
				  tostring(P.cheap_gsub(('  x  '):rep(200), '^%s*(.-)%s*$', '%1')),
				}, ' ')
				""");
		assertThat(result).isEqualTo("false false false false false true true true true true false");
	}

	@Test
	void recursionDepthDoesNotGrowWithTheSubject() {
		String result = eval("""
				local deepest = 0
				local P = make_patterns(function()
				  local d = 1
				  while debug.getinfo(d, 'l') do d = d + 1 end
				  if d > deepest then deepest = d end
				end)
				local out = {}
				for _, n in ipairs { 1e4, 1e6 } do
				  deepest = 0
				  local s = ('a'):rep(n)
				  assert(P.find(s, 'a*$') == 1)
				  assert(P.match(s, '.-$') == s)
				  assert(select(2, P.gsub(s, 'a*b?', '')) == 2)
				  out[#out + 1] = deepest
				end
				return out[1] .. ' ' .. out[2]
				""");
		String[] depths = result.split(" ");
		assertThat(depths[1]).as("stack depth for 10 KB and 1 MB subjects").isEqualTo(depths[0]);
		assertThat(Integer.parseInt(depths[0])).isLessThan(20);
	}

	private String eval(String chunk) {
		this.lua.load(chunk);
		this.lua.pCall(0, 1);
		String result = this.lua.toString(-1);
		this.lua.pop(1);
		return result;
	}

	private static ByteBuffer resource(String name) throws IOException {
		try (InputStream in = PatternsSpecTests.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			byte[] bytes = in.readAllBytes();
			// LuaJava reads chunks from direct buffers only.
			ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
			buffer.put(bytes).flip();
			return buffer;
		}
	}

}
