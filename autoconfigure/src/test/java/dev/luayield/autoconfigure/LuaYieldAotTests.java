package dev.luayield.autoconfigure;

import dev.luayield.autoconfigure.scan.single.ClinicEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints an application using LuaYield gets from ahead-of-time processing, as
 * {@code spring-boot:process-aot} runs it: everything LuaYield registers through
 * {@code META-INF/spring/aot.factories}, and the scripts under the configured location
 * ({@link LuaScriptsAotProcessor}).
 */
class LuaYieldAotTests {

	@Test
	void whenTheApplicationIsProcessedThenTheRuntimesAndTheEndpointsHintsAreThere() throws NoSuchMethodException {
		RuntimeHints hints = processAheadOfTime();
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/luayield/sandbox/prelude.lua")).accepts(hints);
		assertThat(
				RuntimeHintsPredicates.resource().forResource("dev/luayield/engine/native/linux-x86_64/libluayield.so"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("libluajit64.so")).accepts(hints);
		assertThat(hints.jni().getTypeHint(party.iroiro.luajava.JuaAPI.class)).isNotNull();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ClinicEndpoint.class.getMethod("visits")))
			.accepts(hints);
	}

	@Test
	void whenTheLocationIsTheDefaultThenEveryScriptUnderLuaIsAResource() {
		RuntimeHints hints = processAheadOfTime();
		assertThat(RuntimeHintsPredicates.resource().forResource("lua/uses_tally.lua")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("lua/combat/on_hit.lua")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("other-lua/answer.lua")).rejects(hints);
	}

	@Test
	void whenALocationIsConfiguredThenItsScriptsAreResources() {
		RuntimeHints hints = processAheadOfTime("lua.scripts.location=classpath:other-lua");
		assertThat(RuntimeHintsPredicates.resource().forResource("other-lua/answer.lua")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("lua/uses_tally.lua")).rejects(hints);
	}

	@Test
	void whenSeveralLocationsAreConfiguredThenEachClassPathOneIsAResourcePattern() {
		RuntimeHints hints = processAheadOfTime("lua.scripts.locations=classpath:other-lua,file:./x/,classpath:/lua/");
		assertThat(RuntimeHintsPredicates.resource().forResource("other-lua/answer.lua")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("lua/uses_tally.lua")).accepts(hints);
	}

	@Test
	void whenTheScriptTableIsEnabledThenItsSchemaScriptsAreResources() {
		RuntimeHints hints = processAheadOfTime("lua.scripts.jdbc.enabled=true");
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/luayield/scripts/jdbc/schema-h2.sql"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/luayield/scripts/jdbc/schema-postgresql.sql"))
			.accepts(hints);
	}

	@Test
	void whenTheLocationIsOnTheFileSystemThenNoScriptIsAResource() {
		RuntimeHints hints = processAheadOfTime("lua.scripts.location=file:./lua/");
		assertThat(RuntimeHintsPredicates.resource().forResource("lua/uses_tally.lua")).rejects(hints);
	}

	@Test
	void whenLuaYieldIsNotConfiguredThenNoScriptIsAResource() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		RuntimeHints hints = processAheadOfTime(context);
		assertThat(RuntimeHintsPredicates.resource().forResource("lua/uses_tally.lua")).rejects(hints);
	}

	@Test
	void classPathLocationsBecomePatternsOfTheirLuaFiles() {
		assertThat(LuaScriptsAotProcessor.scriptsPattern("classpath:/lua/")).isEqualTo("lua/**/*.lua");
		assertThat(LuaScriptsAotProcessor.scriptsPattern("classpath:lua")).isEqualTo("lua/**/*.lua");
		assertThat(LuaScriptsAotProcessor.scriptsPattern("classpath*:/game/scripts/"))
			.isEqualTo("game/scripts/**/*.lua");
		assertThat(LuaScriptsAotProcessor.scriptsPattern("classpath:/")).isEqualTo("**/*.lua");
		assertThat(LuaScriptsAotProcessor.scriptsPattern("file:scripts/")).isNull();
	}

	private static RuntimeHints processAheadOfTime(String... properties) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		TestPropertyValues.of(properties).applyTo(context);
		context.register(LuaYieldAutoConfiguration.class, ClinicEndpoint.class);
		return processAheadOfTime(context);
	}

	private static RuntimeHints processAheadOfTime(AnnotationConfigApplicationContext context) {
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "TestTarget")), new InMemoryGeneratedFiles());
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		return generationContext.getRuntimeHints();
	}

}
