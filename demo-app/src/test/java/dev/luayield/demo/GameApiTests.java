package dev.luayield.demo;

import dev.luayield.LuaPoolExhaustedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo's HTTP API: scripts and turns played over REST, and script failures as problem
 * details.
 */
@SpringBootTest(properties = "lua.limits.timeout=300ms")
class GameApiTests {

	@Autowired
	private WebApplicationContext context;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).build();
	}

	@Test
	void whenActuatorLuaIsReadThenMethodsAreGroupedByEndpointWithTheirBean() throws Exception {
		String body = this.mvc.perform(get("/actuator/lua"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.endpoints.dice.bean").value("diceEndpoint"))
			.andExpect(jsonPath("$.endpoints.dice.type").value("dev.luayield.demo.game.DiceEndpoint"))
			.andExpect(jsonPath("$.endpoints.dice.methods[?(@.lua == 'roll')].returns").value("int"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain("\"methods\":[{\"lua\":\"dice.roll\"");
	}

	@Test
	void whenWorldIsReadThenCreaturesAreListed() throws Exception {
		this.mvc.perform(get("/api/world"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.creatures[?(@.name == 'Snag')].kind").value("goblin"));
	}

	@Test
	void whenATurnIsPlayedThenEveryLivingCreatureActs() throws Exception {
		this.mvc.perform(post("/api/turn"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.turn").isNumber())
			.andExpect(jsonPath("$.summary").isArray());
		this.mvc.perform(get("/api/world"))
			.andExpect(jsonPath("$.log[0]").value(org.hamcrest.Matchers.containsString("creatures acted")));
	}

	@Test
	void whenAScriptRunsWithArgumentsThenItsResultIsJson() throws Exception {
		this.mvc
			.perform(post("/api/scripts/combat/on_hit").param("seed", "1")
				.contentType(MediaType.APPLICATION_JSON)
				.content("[1, 5]"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.result.hit").isBoolean());
	}

	@Test
	void whenInputIsBadThenTheAnswerIsA400WithTheLuaMessage() throws Exception {
		this.mvc.perform(post("/api/scripts/combat/on_hit").contentType(MediaType.APPLICATION_JSON).content("[99, 1]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Lua script failed"))
			.andExpect(jsonPath("$.detail").value("combat/hit.lua:3: world.alive: arg 1: no Creature with id 99"))
			.andExpect(jsonPath("$.script").value("combat/on_hit"));
	}

	@Test
	void whenAScriptRunsTooLongThenTheAnswerIsA504() throws Exception {
		this.mvc.perform(post("/api/scripts/test/spin"))
			.andExpect(status().isGatewayTimeout())
			.andExpect(jsonPath("$.detail")
				.value(org.hamcrest.Matchers.containsString("exceeded its time limit of 300 ms")));
	}

	@Test
	void whenNoLuaStateIsFreeThenTheAnswerIsA503() {
		var problem = new dev.luayield.demo.web.LuaProblemHandlerAccess()
			.exhausted(new LuaPoolExhaustedException("turn", "no Lua state became free within 2000 ms", null));
		assertThat(problem.getStatus()).isEqualTo(503);
		assertThat(problem.getDetail()).contains("no Lua state became free");
	}

	@Test
	void whenTheScriptIsUnknownThenTheAnswerIsNotFoundAndSaysWhereItWasLookedFor() throws Exception {
		this.mvc.perform(post("/api/scripts/nope"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("No such Lua script"))
			.andExpect(jsonPath("$.detail")
				.value("no script 'nope' (looked for 'nope' in table lua_script, classpath:/lua/nope.lua)"));
	}

}
