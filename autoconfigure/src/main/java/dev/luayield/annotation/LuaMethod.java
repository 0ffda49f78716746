package dev.luayield.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Customizes how a method of a {@link LuaEndpoint} appears in Lua.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LuaMethod {

	/**
	 * The Lua name of the method. Defaults to the Java name in snake_case ({@code getHp}
	 * becomes {@code get_hp}).
	 * @return the Lua name
	 */
	String value() default "";

	/**
	 * A one-line description for script authors, used in generated IDE definitions.
	 * @return the description
	 */
	String doc() default "";

}
