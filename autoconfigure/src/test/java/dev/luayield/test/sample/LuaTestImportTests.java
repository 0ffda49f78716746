package dev.luayield.test.sample;

import java.util.Map;

import dev.luayield.LuaScriptRunner;
import dev.luayield.test.LuaTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @LuaTest} with an endpoint's real collaborator imported rather than mocked.
 */
@LuaTest(properties = "lua.scripts.location=classpath:/slice-lua/")
@Import(Warehouse.class)
class LuaTestImportTests {

	@Autowired
	private LuaScriptRunner lua;

	@Autowired
	private ApplicationContext context;

	@Test
	void whenTheCollaboratorIsImportedThenScriptsUseTheRealOne() {
		assertThat(this.lua.run("shop/buy", "potion", 2)).isEqualTo(Map.of("sold", 2L, "left", 3L));
		assertThat(this.lua.run("shop/buy", "potion", 4)).isEqualTo(Map.of("sold", 0L, "left", 3L));
	}

	@Test
	void whenACollaboratorIsImportedThenOnlyItJoinsTheSlice() {
		assertThat(this.context.getBeanNamesForType(Warehouse.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(ShopService.class)).isEmpty();
	}

}
