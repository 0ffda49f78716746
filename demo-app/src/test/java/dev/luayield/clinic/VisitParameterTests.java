package dev.luayield.clinic;

import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.endpoint.InvalidLuaEndpointException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinic with one more endpoint, taking a {@link Visit}: an entity nothing can load
 * by id (it has no repository), so the application must not start.
 */
class VisitParameterTests {

	@Test
	void whenAnEndpointTakesAnEntityWithoutRepositoryThenStartUpFailsNamingMethodAndParameter() {
		// A servlet context (MVC present), as the clinic runs; clinic.yml's
		// settings by hand, since a context runner reads no configuration files.
		new WebApplicationContextRunner().withUserConfiguration(ClinicApplication.class, VisitEndpoint.class)
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:clinic-visits",
					"lua.scripts.location=classpath:/clinic-lua/", "lua.scripts.validate-mode=warn",
					"spring.jpa.open-in-view=false")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(InvalidLuaEndpointException.class)
					.satisfies(
							(ex) -> assertThat(ex.getMessage()).contains(VisitEndpoint.class.getName() + ".describe(")
								.contains("parameter 1")
								.contains(Visit.class.getName() + " is a JPA entity")
								.contains("nothing loads it by id"));
			});
	}

	/**
	 * Nested in a test class, so that the other clinic tests' component scan leaves it
	 * out.
	 */
	@LuaEndpoint("visits")
	static class VisitEndpoint {

		public String describe(Visit visit) {
			return visit.getDescription();
		}

	}

}
