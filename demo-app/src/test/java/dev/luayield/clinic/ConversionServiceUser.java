package dev.luayield.clinic;

import org.springframework.core.convert.ConversionService;
import org.springframework.stereotype.Component;

/**
 * An application bean that injects the ConversionService by type, as petclinic's
 * formatters do: with Spring MVC there is one (mvcConversionService), and LuaYield's own
 * must not make the injection ambiguous.
 */
@Component
public class ConversionServiceUser {

	private final ConversionService conversionService;

	public ConversionServiceUser(ConversionService conversionService) {
		this.conversionService = conversionService;
	}

	public ConversionService conversionService() {
		return this.conversionService;
	}

}
