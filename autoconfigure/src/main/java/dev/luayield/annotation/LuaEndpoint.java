package dev.luayield.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Marks a bean whose public methods Lua scripts may call. The bean appears in Lua as a
 * global table (named by {@link #value()}, or the bean name when empty) and each method
 * as a function on it: {@code world:get_hp(id)} or {@code world.get_hp(id)}. Being a
 * {@link Component @Component}, an endpoint class is found by component scanning, and
 * Spring names its bean as it names any component's.
 * <p>
 * Every public method declared by the bean's own class becomes callable, under the
 * snake_case form of its Java name unless {@link LuaMethod} names it; {@link LuaIgnore}
 * keeps a method out.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface LuaEndpoint {

	/**
	 * The name of the Lua global through which scripts reach this bean; at most one.
	 * Defaults to the bean name. It does not name the bean: two endpoints may not share a
	 * Lua name, but an endpoint's Lua name may be the name of an unrelated bean.
	 * <p>
	 * An array only so that Spring, which takes a {@code String value} of a
	 * {@code @Component} stereotype as the bean name, leaves it alone; write it as
	 * {@code @LuaEndpoint("clinic")}.
	 * @return the Lua global name, or none for the bean name
	 */
	String[] value() default {};

}
