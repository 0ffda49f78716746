package dev.luayield.test.sample;

import dev.luayield.LuaScriptRunner;
import dev.luayield.test.LuaTest;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * {@code @LuaTest} observes invocations as the application does once the test brings an
 * {@code ObservationRegistry}: a way to test observation conventions on real scripts.
 */
@LuaTest(properties = "lua.scripts.location=classpath:/slice-lua/")
@Import(LuaTestObservationTests.Observations.class)
class LuaTestObservationTests {

	@Autowired
	private LuaScriptRunner lua;

	@Autowired
	private TestObservationRegistry observations;

	@MockitoBean
	private Warehouse warehouse;

	@Test
	void whenTheTestBringsAnObservationRegistryThenScriptsAndCallsAreObserved() {
		this.lua.run("greet", "Ada");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("lua.script")
			.that()
			.hasLowCardinalityKeyValue("script", "greet");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("lua.endpoint.call")
			.that()
			.hasLowCardinalityKeyValue("endpoint", "greeter");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Observations {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

}
