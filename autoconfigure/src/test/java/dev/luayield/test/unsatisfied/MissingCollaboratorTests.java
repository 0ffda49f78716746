package dev.luayield.test.unsatisfied;

import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.test.LuaTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.test.context.TestContextManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A {@code @LuaTest} whose endpoint needs a bean the test did not bring fails to start as
 * any Spring test does, with Spring's own message naming the missing bean. The tests
 * under test are static nested classes with no test methods of their own, started through
 * Spring's {@link TestContextManager} as the Spring extension starts them.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingCollaboratorTests {

	@Test
	void whenAnEndpointNeedsABeanTheTestDidNotBringThenTheContextFailsWithSpringsMessage(CapturedOutput output) {
		TestContextManager manager = new TestContextManager(WithoutTheSender.class);
		assertThatIllegalStateException().isThrownBy(() -> manager.prepareTestInstance(new WithoutTheSender()))
			.withMessageStartingWith("Failed to load ApplicationContext")
			.havingCause()
			.isInstanceOf(UnsatisfiedDependencyException.class)
			.withMessageContaining("Error creating bean with name 'mailEndpoint'")
			.withMessageContaining(
					"No qualifying bean of type 'dev.luayield.test.unsatisfied.MailSender' available: expected at least 1 bean")
			.havingCause()
			.isInstanceOf(NoSuchBeanDefinitionException.class);
		assertThat(output).contains("Parameter 0 of constructor in dev.luayield.test.unsatisfied.MailEndpoint"
				+ " required a bean of type 'dev.luayield.test.unsatisfied.MailSender' that could not be found.");
	}

	@Test
	void whenTheTestImportsTheBeanThenTheSameSliceStarts() throws Exception {
		WithTheSender test = new WithTheSender();
		new TestContextManager(WithTheSender.class).prepareTestInstance(test);
		test.lua.eval("mail:send('ada@example.org', 'hello')");
		assertThat(test.sender.sent).containsExactly("ada@example.org: hello");
	}

	@Test
	void whenAScriptDoesNotCompileThenTheSliceFailsToStartNamingIt() {
		TestContextManager manager = new TestContextManager(WithABrokenScript.class);
		assertThatIllegalStateException().isThrownBy(() -> manager.prepareTestInstance(new WithABrokenScript()))
			.withMessageStartingWith("Failed to load ApplicationContext")
			.withRootCauseInstanceOf(LuaScriptException.class)
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.hasMessageContaining("lib/broken.lua:1:"));
	}

	@LuaTest
	static class WithoutTheSender {

	}

	@LuaTest(properties = "lua.scripts.location=classpath:/lua-broken/")
	@Import(MailSender.class)
	static class WithABrokenScript {

	}

	@LuaTest
	@Import(MailSender.class)
	static class WithTheSender {

		@Autowired
		LuaScriptRunner lua;

		@Autowired
		MailSender sender;

	}

}
