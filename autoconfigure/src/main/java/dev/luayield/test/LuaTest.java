package dev.luayield.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.Environment;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Annotation for a test of Lua scripts that focuses <strong>only</strong> on LuaYield:
 * the scripts run for real, in the real sandbox and through the real
 * {@link dev.luayield.LuaScriptRunner} (inject it with {@code @Autowired}), against the
 * application's own endpoints, and nothing else of the application starts.
 * <p>
 * Using this annotation only enables LuaYield's auto-configuration (see
 * {@link AutoConfigureLua @AutoConfigureLua}), not the application's. Component scanning
 * is limited to beans annotated with:
 * <ul>
 * <li>{@link dev.luayield.annotation.LuaEndpoint @LuaEndpoint}</li>
 * </ul>
 * <p>
 * and to the beans that shape how scripts reach them, beans that implement:
 * <ul>
 * <li>{@link dev.luayield.InvocationInterceptor}</li>
 * <li>{@code LuaConversionServiceCustomizer}</li>
 * <li>{@code Converter}, {@code GenericConverter}, {@code Printer} and {@code Parser},
 * which LuaYield's conversion service picks up</li>
 * </ul>
 * <p>
 * Anything else an endpoint needs is not there: supply it with {@code @MockitoBean} or
 * {@code @Import}, or add auto-configuration with the {@code @AutoConfigure...}
 * annotation of another slice (for example {@code @AutoConfigureDataJpa} for endpoints on
 * Spring Data repositories). An endpoint whose dependency nobody supplies fails the
 * context with Spring's usual message, naming the bean it required.
 *
 * @see AutoConfigureLua
 * @see LuaTraceAssert
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(LuaTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(LuaTypeExcludeFilter.class)
@AutoConfigureLua
@ImportAutoConfiguration
public @interface LuaTest {

	/**
	 * Properties in form {@literal key=value} that should be added to the Spring
	 * {@link Environment} before the test runs, for example
	 * {@code lua.scripts.location=classpath:/mods/}.
	 * @return the properties to add
	 */
	String[] properties() default {};

	/**
	 * Determines if default filtering should be used with
	 * {@link SpringBootApplication @SpringBootApplication}. By default, only
	 * {@code @LuaEndpoint} beans and the beans that shape how scripts call them are
	 * included.
	 * @see #includeFilters()
	 * @see #excludeFilters()
	 * @return if default filters should be used
	 */
	boolean useDefaultFilters() default true;

	/**
	 * A set of include filters which can be used to add otherwise filtered beans to the
	 * application context.
	 * @return include filters to apply
	 */
	Filter[] includeFilters() default {};

	/**
	 * A set of exclude filters which can be used to filter beans that would otherwise be
	 * added to the application context.
	 * @return exclude filters to apply
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Auto-configuration exclusions that should be applied for this test.
	 * @return auto-configuration exclusions to apply
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
