package dev.luayield.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean whose public methods Lua scripts may call. The bean appears in Lua as a
 * global table (named by {@link #value()}, or the bean name when empty) and each
 * method as a function on it: {@code world:get_hp(id)} or {@code world.get_hp(id)}.
 * <p>
 * Every public method declared by the bean's own class becomes callable, under the
 * snake_case form of its Java name unless {@link LuaMethod} names it; {@link LuaIgnore}
 * keeps a method out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface LuaEndpoint {

	/**
	 * The name of the Lua global through which scripts reach this bean. Also used as the
	 * bean name. Defaults to the bean name.
	 * @return the Lua global name
	 */
	@AliasFor(annotation = Component.class)
	String value() default "";

}
