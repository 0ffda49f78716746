package dev.luayield.demo;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link ConsoleScriptPromises} on an embedded H2 database of its own.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:console-scripts;DB_CLOSE_DELAY=-1")
class H2ConsoleScriptsTests extends ConsoleScriptPromises {

}
