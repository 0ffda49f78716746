package dev.luayield.test.unsatisfied;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application whose endpoint needs a service, which a {@code @LuaTest} leaves out.
 */
@SpringBootApplication
public class UnsatisfiedApplication {

}
