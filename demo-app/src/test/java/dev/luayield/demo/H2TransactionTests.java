package dev.luayield.demo;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link TransactionPromises} on the embedded H2 database the demo starts with.
 */
@SpringBootTest(properties = "lua.pool.max-total=8")
class H2TransactionTests extends TransactionPromises {

}
