package dev.luayield.test.sample;

import dev.luayield.LuaScriptRunner;
import dev.luayield.autoconfigure.LuaConversionServiceCustomizer;
import dev.luayield.autoconfigure.data.LuaSpringDataAutoConfiguration;
import dev.luayield.test.LuaTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @LuaTest(excludeAutoConfiguration = ...)} leaves out one of LuaYield's
 * auto-configurations and keeps the others.
 */
@LuaTest(properties = "lua.scripts.location=classpath:/slice-lua/",
		excludeAutoConfiguration = LuaSpringDataAutoConfiguration.class)
class LuaTestExclusionTests {

	@Autowired
	private ApplicationContext context;

	@MockitoBean
	private Warehouse warehouse;

	@Test
	void whenAnAutoConfigurationIsExcludedThenOnlyItIsMissing() {
		assertThat(this.context.getBeanNamesForType(LuaConversionServiceCustomizer.class)).isEmpty();
		assertThat(this.context.getBean(LuaScriptRunner.class).run("greet", "Ada")).isEqualTo("Welcome, Ada");
	}

}
