package dev.luayield;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries docs/architecture.md draws, checked on the compiled main classes: a
 * package that breaks one fails the build, not a review.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.luayield");

	/** The packages behind the API, without the wiring. */
	private static final String[] IMPLEMENTATION = { "dev.luayield.endpoint..", "dev.luayield.conversion..",
			"dev.luayield.engine..", "dev.luayield.sandbox..", "dev.luayield.scripts..", "dev.luayield.protocol..",
			"dev.luayield.runner..", "dev.luayield.replay..", "dev.luayield.pool..", "dev.luayield.transaction..",
			"dev.luayield.observation..", "dev.luayield.actuate..", "dev.luayield.health..", "dev.luayield.metrics..",
			"dev.luayield.tooling..", "dev.luayield.test.." };

	/**
	 * The wiring, and the test slice: {@code @LuaTest} is wiring for tests, built from
	 * Boot's own slice support ({@code @ImportAutoConfiguration}) and naming LuaYield's
	 * auto-configurations and its conversion customizer, so it may use what the runtime
	 * may not.
	 */
	private static final String[] WIRING = { "dev.luayield.autoconfigure..", "dev.luayield.test.." };

	@Test
	void everyPackageIsFreeOfCycles() {
		// Each package is its own slice, the root included, as in Spring Boot's own
		// rules.
		check(slices().matching("(**)").should().beFreeOfCycles());
	}

	@Test
	void onlyTheWiringUsesSpringBootAutoConfiguration() {
		check(noClasses().that()
			.resideOutsideOfPackages(WIRING)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot.autoconfigure.."));
	}

	@Test
	void theRuntimeDoesNotDependOnTheWiring() {
		check(noClasses().that()
			.resideOutsideOfPackages(WIRING)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.luayield.autoconfigure.."));
	}

	@Test
	void nothingDependsOnTheTestSupport() {
		// Its dependencies are optional: a class that needed it would fail at run time.
		check(noClasses().that()
			.resideOutsideOfPackage("dev.luayield.test..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.luayield.test.."));
	}

	@Test
	void theApiDependsOnNoImplementationPackage() {
		check(noClasses().that()
			.resideInAnyPackage("dev.luayield", "dev.luayield.annotation..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(IMPLEMENTATION));
	}

	private static void check(ArchRule rule) {
		rule.check(CLASSES);
	}

}
