package dev.luayield.autoconfigure.diagnostics;

import dev.luayield.endpoint.InvalidLuaEndpointException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for LuaYield's failure analyzers.
 */
class FailureAnalyzersTests {

	@Test
	void whenLuaJavaCannotFindNativesThenAnalysisNamesTheDependency() {
		LinkageError failure = new LinkageError("Unable to find natives or init",
				new IllegalStateException("Couldn't load shared library 'libluajit-64.so'"));
		FailureAnalysis analysis = new LuaJitNativesFailureAnalyzer()
			.analyze(new IllegalStateException("Could not create a Lua state", failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("LuaJIT's native library");
		assertThat(analysis.getAction()).contains("party.iroiro.luajava:luajit-platform:4.0.2")
			.contains("natives-desktop");
	}

	@Test
	void whenLinkageErrorIsUnrelatedThenNoAnalysis() {
		assertThat(new LuaJitNativesFailureAnalyzer().analyze(new NoClassDefFoundError("com/example/Other"))).isNull();
	}

	@Test
	void whenEndpointIsInvalidThenAnalysisRepeatsTheProblemAndSuggestsFixes() {
		InvalidLuaEndpointException failure = new InvalidLuaEndpointException(String.class,
				"Lua endpoint methods a() and b() both map to the Lua name 'x.y'");
		FailureAnalysis analysis = new InvalidLuaEndpointFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).isEqualTo(failure.getMessage());
		assertThat(analysis.getAction()).contains("java.lang.String").contains("@LuaMethod").contains("@LuaIgnore");
	}

}
