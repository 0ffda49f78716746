package dev.luayield.test;

import java.util.Set;

import dev.luayield.InvocationInterceptor;
import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.autoconfigure.LuaConversionServiceCustomizer;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.format.Parser;
import org.springframework.format.Printer;

/**
 * {@link TypeExcludeFilter} for {@link LuaTest @LuaTest}: keeps the endpoints, and the
 * beans without which a script would reach them differently than in the application
 * (interceptors around every invocation, and the converters that turn Lua values into
 * endpoint parameters).
 */
class LuaTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<LuaTest> {

	// The converter types are those LuaYieldAutoConfiguration's luaConversionService
	// takes from the context (ApplicationConversionService.addBeans).
	private static final Set<Class<?>> KNOWN_INCLUDES = Set.of(LuaEndpoint.class, InvocationInterceptor.class,
			LuaConversionServiceCustomizer.class, Converter.class, GenericConverter.class, Printer.class, Parser.class);

	LuaTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return KNOWN_INCLUDES;
	}

}
