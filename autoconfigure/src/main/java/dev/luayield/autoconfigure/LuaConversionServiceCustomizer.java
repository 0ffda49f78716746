package dev.luayield.autoconfigure;

import org.springframework.format.support.FormattingConversionService;

/**
 * Callback that customizes the conversion service through which Lua values become
 * endpoint parameters of application types (and Java results become strings), for example
 * to look entities up by id.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LuaConversionServiceCustomizer {

	/**
	 * Customizes the conversion service.
	 * @param conversionService the conversion service to customize
	 */
	void customize(FormattingConversionService conversionService);

}
