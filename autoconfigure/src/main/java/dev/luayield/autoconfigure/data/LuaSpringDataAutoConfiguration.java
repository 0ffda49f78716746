package dev.luayield.autoconfigure.data;

import dev.luayield.autoconfigure.LuaConversionServiceCustomizer;
import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.repository.support.DomainClassConverter;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that lets endpoint methods take entities as parameters: a script
 * passes an id, and Spring Data's {@link DomainClassConverter} loads the entity through
 * its repository.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = LuaYieldAutoConfiguration.class)
@ConditionalOnClass(DomainClassConverter.class)
public final class LuaSpringDataAutoConfiguration {

	@Bean
	LuaConversionServiceCustomizer luaDomainClassConversion(ApplicationContext applicationContext) {
		return (conversionService) -> {
			DomainClassConverter<?> converter = new DomainClassConverter<>(conversionService);
			converter.setApplicationContext(applicationContext);
			conversionService.addConverter(converter);
		};
	}

}
