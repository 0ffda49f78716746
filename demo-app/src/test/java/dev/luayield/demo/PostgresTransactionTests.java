package dev.luayield.demo;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link TransactionPromises} on a real PostgreSQL server (the {@code postgres} profile:
 * 127.0.0.1:5432, database, user and password {@code luayield}). Runs when
 * {@code LUAYIELD_TEST_POSTGRES=true}, as {@code .ci/run} sets it after starting the
 * server; then a missing server fails the build rather than skipping.
 */
@SpringBootTest(properties = "lua.pool.max-total=8")
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "LUAYIELD_TEST_POSTGRES", matches = "true")
class PostgresTransactionTests extends TransactionPromises {

}
