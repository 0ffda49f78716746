package dev.luayield.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the configuration metadata that Spring Boot's processor generates from
 * {@link LuaProperties}: IDEs show these descriptions, so none may be missing.
 */
class ConfigurationMetadataTests {

	@Test
	void whenMetadataIsGeneratedThenEveryPropertyHasADescription() throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			List<Map<String, Object>> properties = JsonPath.read(in, "$.properties");
			assertThat(properties).extracting((property) -> property.get("name"))
				.contains("lua.pool.max-total", "lua.pool.min-idle", "lua.pool.max-idle", "lua.pool.max-wait",
						"lua.scripts.location");
			assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
				.as("description of %s", property.get("name"))
				.isNotBlank());
		}
	}

}
