package dev.luayield.demo;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link ConsoleScriptPromises} on a real PostgreSQL server (the {@code postgres}
 * profile), where the script table is created by LuaYield's PostgreSQL schema script.
 * Runs when {@code LUAYIELD_TEST_POSTGRES=true}, as {@link PostgresTransactionTests}
 * does.
 */
@SpringBootTest
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "LUAYIELD_TEST_POSTGRES", matches = "true")
class PostgresConsoleScriptsTests extends ConsoleScriptPromises {

}
