package dev.luayield.test.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application as users write one, for {@code @LuaTest}: endpoints, one of them on a
 * service, a service that runs scripts, and an interceptor.
 */
@SpringBootApplication
public class SliceSampleApplication {

}
