package dev.luayield.demo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Two instances of the demo on one database, as behind a load balancer: a script saved
 * from one instance's console runs on the other.
 */
class TwoInstancesTests {

	@Test
	void whenAScriptIsSavedOnOneInstanceThenTheOtherRunsIt() throws Exception {
		try (ConfigurableApplicationContext first = start(); ConfigurableApplicationContext second = start()) {
			MockMvc saving = MockMvcBuilders.webAppContextSetup((WebApplicationContext) first).build();
			MockMvc running = MockMvcBuilders.webAppContextSetup((WebApplicationContext) second).build();
			saving
				.perform(put("/api/console/scripts/console/shared").contentType(MediaType.TEXT_PLAIN)
					.content("return 'saved on the first'"))
				.andExpect(status().isOk());
			await().atMost(Duration.ofSeconds(10)).until(() -> run(running).contains("saved on the first"));
			saving
				.perform(put("/api/console/scripts/console/shared").contentType(MediaType.TEXT_PLAIN)
					.content("return 'changed on the first'"))
				.andExpect(status().isOk());
			await().atMost(Duration.ofSeconds(10)).until(() -> run(running).contains("changed on the first"));
		}
	}

	private static String run(MockMvc mvc) throws Exception {
		return mvc
			.perform(post("/api/console/run").contentType(MediaType.APPLICATION_JSON)
				.content("{\"script\": \"console/shared\"}"))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static ConfigurableApplicationContext start() {
		// Arguments, not default properties: those would lose to application.yml.
		return new SpringApplicationBuilder(DemoApplication.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:two-instances;DB_CLOSE_DELAY=-1",
				"--spring.jpa.hibernate.ddl-auto=update", "--lua.scripts.reload-interval=100ms");
	}

}
