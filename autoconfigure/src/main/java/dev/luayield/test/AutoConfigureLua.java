package dev.luayield.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Annotation that can be applied to a test class to enable LuaYield's auto-configuration
 * in a test slice: the runner, its pool and scripts, and, when the slice has what they
 * need, invocation transactions (a transaction manager), observations (an
 * {@code ObservationRegistry}) and entity parameters (Spring Data). The actuator
 * endpoint, the health indicator and the pool metrics are left out, as Boot's slices
 * leave out the actuator.
 * <p>
 * {@link LuaTest @LuaTest} applies it; add it to another slice, such as
 * {@code @DataJpaTest}, to run scripts there (the slice's own filters then decide which
 * endpoints exist: {@code @Import} them).
 *
 * @see LuaTest
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureLua {

}
