package dev.luayield.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the property tables in {@code README.md} and {@code docs/configuration.md}
 * generated from the configuration metadata: when a property changes, this test fails and
 * prints the table to paste between the markers.
 */
class ConfigurationDocumentationTests {

	private static final String START = "<!-- properties:start -->";

	private static final String END = "<!-- properties:end -->";

	@ParameterizedTest
	@ValueSource(strings = { "docs/configuration.md", "README.md" })
	void whenPropertiesChangeThenTheDocumentedTableFollows(String file) throws Exception {
		String expected = table();
		String document = Files.readString(Path.of("..", file));
		String actual = document.substring(document.indexOf(START) + START.length(), document.indexOf(END)).trim();
		assertThat(actual).as("%s property table; regenerate it as:%n%s", file, expected).isEqualTo(expected);
	}

	static String table() throws Exception {
		try (InputStream in = ConfigurationDocumentationTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			List<Map<String, Object>> properties = JsonPath.read(in, "$.properties");
			StringBuilder table = new StringBuilder("| Name | Default | Description |\n|---|---|---|\n");
			properties.stream()
				.sorted((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")))
				.forEach((property) -> table.append("| `")
					.append(property.get("name"))
					.append("` | ")
					.append(formatDefault(property.get("defaultValue")))
					.append(" | ")
					.append(String.valueOf(property.get("description")).replace("\n", " ").replace("|", "\\|"))
					.append(" |\n"));
			return table.toString().trim();
		}
	}

	private static String formatDefault(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof List<?> list) {
			return list.isEmpty() ? "" : "`" + String.join(",", list.stream().map(String::valueOf).toList()) + "`";
		}
		return "`" + value + "`";
	}

}
