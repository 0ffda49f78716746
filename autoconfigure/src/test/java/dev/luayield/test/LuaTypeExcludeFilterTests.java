package dev.luayield.test;

import java.io.IOException;

import dev.luayield.InvocationInterceptor;
import dev.luayield.LuaOptions;
import dev.luayield.ScriptInvocation;
import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.autoconfigure.LuaConversionServiceCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which scanned types {@code @LuaTest} keeps, by default and with its filter attributes.
 */
class LuaTypeExcludeFilterTests {

	private final MetadataReaderFactory metadataReaderFactory = new SimpleMetadataReaderFactory();

	@Test
	void whenDefaultFiltersThenEndpointsAndWhatShapesTheirCallsAreKept() throws Exception {
		LuaTypeExcludeFilter filter = filter(WithDefaults.class);
		assertThat(excludes(filter, ExampleEndpoint.class)).isFalse();
		assertThat(excludes(filter, ExampleInterceptor.class)).isFalse();
		assertThat(excludes(filter, ExampleCustomizer.class)).isFalse();
		assertThat(excludes(filter, ExampleConverter.class)).isFalse();
		assertThat(excludes(filter, ExampleService.class)).isTrue();
		assertThat(excludes(filter, ExampleComponent.class)).isTrue();
	}

	@Test
	void whenDefaultFiltersAreOffThenNothingIsKept() throws Exception {
		LuaTypeExcludeFilter filter = filter(WithoutDefaults.class);
		assertThat(excludes(filter, ExampleEndpoint.class)).isTrue();
		assertThat(excludes(filter, ExampleInterceptor.class)).isTrue();
		assertThat(excludes(filter, ExampleService.class)).isTrue();
	}

	@Test
	void whenAnIncludeFilterMatchesThenThatTypeIsKeptToo() throws Exception {
		LuaTypeExcludeFilter filter = filter(IncludingServices.class);
		assertThat(excludes(filter, ExampleEndpoint.class)).isFalse();
		assertThat(excludes(filter, ExampleService.class)).isFalse();
		assertThat(excludes(filter, ExampleComponent.class)).isTrue();
	}

	@Test
	void whenAnExcludeFilterMatchesThenEvenAnEndpointIsLeftOut() throws Exception {
		LuaTypeExcludeFilter filter = filter(ExcludingAnEndpoint.class);
		assertThat(excludes(filter, ExampleEndpoint.class)).isTrue();
		assertThat(excludes(filter, OtherEndpoint.class)).isFalse();
	}

	@Test
	void whenTheTestIsNoLuaTestThenTheFilterExcludesNothing() throws Exception {
		LuaTypeExcludeFilter filter = filter(ExampleService.class);
		assertThat(excludes(filter, ExampleService.class)).isFalse();
	}

	private LuaTypeExcludeFilter filter(Class<?> testClass) {
		LuaTypeExcludeFilter filter = new LuaTypeExcludeFilter(testClass);
		filter.setBeanClassLoader(getClass().getClassLoader());
		return filter;
	}

	private boolean excludes(LuaTypeExcludeFilter filter, Class<?> type) throws IOException {
		return filter.match(this.metadataReaderFactory.getMetadataReader(type.getName()), this.metadataReaderFactory);
	}

	@LuaTest
	static class WithDefaults {

	}

	@LuaTest(useDefaultFilters = false)
	static class WithoutDefaults {

	}

	@LuaTest(includeFilters = @Filter(Service.class))
	static class IncludingServices {

	}

	@LuaTest(excludeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ExampleEndpoint.class))
	static class ExcludingAnEndpoint {

	}

	@LuaEndpoint("example")
	static class ExampleEndpoint {

	}

	@LuaEndpoint("other")
	static class OtherEndpoint {

	}

	static class ExampleInterceptor implements InvocationInterceptor {

		@Override
		public Object intercept(String scriptName, LuaOptions options, ScriptInvocation invocation) {
			return invocation.get();
		}

	}

	static class ExampleCustomizer implements LuaConversionServiceCustomizer {

		@Override
		public void customize(FormattingConversionService conversionService) {
		}

	}

	static class ExampleConverter implements Converter<String, Integer> {

		@Override
		public Integer convert(String source) {
			return Integer.valueOf(source);
		}

	}

	@Service
	static class ExampleService {

	}

	@Component
	static class ExampleComponent {

	}

}
