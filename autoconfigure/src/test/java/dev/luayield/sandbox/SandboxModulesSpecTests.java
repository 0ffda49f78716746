package dev.luayield.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import party.iroiro.luajava.luajit.LuaJit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's Lua modules, each on its own on a plain LuaJIT state: a spec file
 * ({@code <module>_spec.lua} beside the tests) is called with the module's compiled chunk
 * and answers {@code ok <cases>} or its failures.
 */
class SandboxModulesSpecTests {

	private LuaJit lua;

	@BeforeEach
	void open() {
		this.lua = new LuaJit();
		this.lua.openLibraries();
	}

	@AfterEach
	void close() {
		this.lua.close();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "instrument", "limits" })
	void whenAModuleRunsOnItsOwnThenItsSpecPasses(String module) throws IOException {
		this.lua.load(resource("/dev/luayield/sandbox/" + module + "_spec.lua"), "=" + module + "_spec.lua");
		this.lua.load(resource("/dev/luayield/sandbox/" + module + ".lua"), "=luayield/" + module);
		this.lua.pCall(1, 1);
		String report = this.lua.toString(-1);
		assertThat(report).as(report).startsWith("ok ");
	}

	private static ByteBuffer resource(String name) throws IOException {
		try (InputStream in = SandboxModulesSpecTests.class.getResourceAsStream(name)) {
			byte[] bytes = in.readAllBytes();
			ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
			buffer.put(bytes).flip();
			return buffer;
		}
	}

}
