package dev.luayield.demo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Scripts saved from the console: into the script table, run by name at once, and a
 * broken one saved over a good one leaves the good one running; against whichever
 * database the subclass starts the application on.
 */
abstract class ConsoleScriptPromises {

	@Autowired
	private WebApplicationContext context;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).build();
	}

	@Test
	void whenAScriptIsSavedThenItIsListedAndRunsByName() throws Exception {
		save("console/roll", "return dice:roll(6) + 100").andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("console/roll"))
			.andExpect(jsonPath("$.savedTo").value("table lua_script"))
			.andExpect(jsonPath("$.error").doesNotExist());
		this.mvc.perform(get("/api/console/scripts")).andExpect(jsonPath("$", hasItem("console/roll")));
		this.mvc.perform(get("/api/console/scripts/console/roll"))
			.andExpect(content().string("return dice:roll(6) + 100"));
		runByName("console/roll").andExpect(jsonPath("$.result").isNumber())
			.andExpect(jsonPath("$.trace[0].method").value("dice.roll"));
		this.mvc.perform(post("/api/scripts/console/roll").contentType(MediaType.APPLICATION_JSON).content("[]"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.result").isNumber());
	}

	@Test
	void whenAChangedScriptIsSavedThenTheNextRunRunsIt() throws Exception {
		save("console/greet", "return 'one'");
		runByName("console/greet").andExpect(jsonPath("$.result").value("one"));
		save("console/greet", "return 'two'");
		runByName("console/greet").andExpect(jsonPath("$.result").value("two"));
	}

	@Test
	void whenABrokenScriptIsSavedThenTheAnswerSaysSoAndThePreviousVersionKeepsRunning() throws Exception {
		save("console/steady", "return 'good'");
		runByName("console/steady").andExpect(jsonPath("$.result").value("good"));
		save("console/steady", "return 'broken' +").andExpect(status().isOk())
			.andExpect(jsonPath("$.error", startsWith("console/steady.lua:1: unexpected symbol near '<eof>'")));
		runByName("console/steady").andExpect(jsonPath("$.result").value("good"));
	}

	@Test
	void whenANameOutsideTheConsolePrefixIsSavedThenItIsRefused() throws Exception {
		save("turn", "return 'hijacked'").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("the console saves scripts under 'console/' only, so that they"
					+ " never replace the game's own: save as 'console/turn'"));
		this.mvc.perform(get("/api/console/scripts/turn")).andExpect(content().string(startsWith("--")));
	}

	private org.springframework.test.web.servlet.ResultActions save(String name, String source) throws Exception {
		return this.mvc.perform(put("/api/console/scripts/" + name).contentType(MediaType.TEXT_PLAIN).content(source));
	}

	private org.springframework.test.web.servlet.ResultActions runByName(String name) throws Exception {
		return this.mvc
			.perform(post("/api/console/run").contentType(MediaType.APPLICATION_JSON)
				.content("{\"script\": \"" + name + "\", \"seed\": 1}"))
			.andExpect(status().isOk());
	}

}
