package dev.luayield.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the hostile scripts kept as test data under {@code src/test/resources/hostile}.
 */
final class HostileScripts {

	private HostileScripts() {
	}

	static String read(String name) {
		try (InputStream in = HostileScripts.class.getResourceAsStream("/hostile/" + name + ".lua")) {
			if (in == null) {
				throw new IllegalArgumentException("no hostile script " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
