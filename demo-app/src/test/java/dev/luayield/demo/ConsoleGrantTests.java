package dev.luayield.demo;

import dev.luayield.demo.world.CreatureRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The web console runs what anyone types, with the grant {@code lua.permissions.console}
 * configures: its scripts read the world and fight, but cannot create creatures, whether
 * typed, run by name, or saved under {@code console/} and run from elsewhere.
 */
@SpringBootTest
class ConsoleGrantTests {

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private CreatureRepository creatures;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).build();
	}

	@Test
	void whenAConsoleScriptTriesToSpawnACreatureThenItGetsTheErrorAtItsLineAndNoneIsMade() throws Exception {
		long before = this.creatures.count();
		this.mvc
			.perform(post("/api/console/run").contentType(MediaType.APPLICATION_JSON)
				.content("{\"source\": \"local hp = world:get_hp(1)\\n"
						+ "return world:spawn('Imp', 'goblin', 'GOBLINS', 5, 1, 1)\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.error").value(org.hamcrest.Matchers
				.startsWith("eval:2: world.spawn: not granted to this invocation (granted: dice, log, world.get_hp,")))
			.andExpect(jsonPath("$.trace[0].method").value("world.get_hp"));
		assertThat(this.creatures.count()).isEqualTo(before);
	}

	@Test
	void whenASavedConsoleScriptRunsOutsideTheConsoleThenTheConfiguredGrantStillApplies() throws Exception {
		long before = this.creatures.count();
		this.mvc
			.perform(put("/api/console/scripts/console/spawner").contentType(MediaType.TEXT_PLAIN)
				.content("return world:spawn('Imp', 'goblin', 'GOBLINS', 5, 1, 1)"))
			.andExpect(status().isOk());
		this.mvc.perform(post("/api/scripts/console/spawner").contentType(MediaType.APPLICATION_JSON).content("[]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(
					"console/spawner.lua:1: world.spawn: not granted to this invocation (granted: dice, log,")));
		assertThat(this.creatures.count()).isEqualTo(before);
	}

	@Test
	void whenAConsoleScriptReadsTheWorldThenItRuns() throws Exception {
		this.mvc.perform(post("/api/console/run").contentType(MediaType.APPLICATION_JSON)
			.content("{\"source\": \"return { name = world:name(1), hp = world:get_hp(1), roll = dice:roll(6) }\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.result.name").value("Snag"))
			.andExpect(jsonPath("$.result.hp").isNumber())
			.andExpect(jsonPath("$.error").doesNotExist());
	}

}
