package dev.luayield.runner;

import java.util.List;

import dev.luayield.conversion.ValueReaders;
import dev.luayield.conversion.ValueWriter;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.protocol.EndpointDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.ApplicationConversionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for what a call to a method an endpoint does not have is told:
 * {@link DispatchTable#suggest} and the reply to the proxy's request for it.
 */
class SuggestionTests {

	private final ApplicationConversionService conversionService = new ApplicationConversionService();

	private final DispatchTable table = DispatchTable.build(List.of(TestRuntime.endpoint("owners", new Owners())),
			new ValueReaders(this.conversionService));

	@Test
	void whenTheJavaNameIsCalledThenItsLuaNameIsSuggested() {
		assertThat(this.table.suggest("owners", "echoText")).isEqualTo("echo_text");
	}

	@Test
	void whenANameIsOneSlipAwayThenTheClosestLuaNameIsSuggested() {
		assertThat(this.table.suggest("owners", "find_owner")).isEqualTo("find_owners");
		assertThat(this.table.suggest("owners", "findOwner")).isEqualTo("find_owners");
		assertThat(this.table.suggest("owners", "cout")).isEqualTo("count");
	}

	@Test
	void whenNoNameIsCloseThenNothingIsSuggested() {
		assertThat(this.table.suggest("owners", "delete_everything")).isNull();
		assertThat(this.table.suggest("nobody", "echo_text")).isNull();
		assertThat(this.table.suggest("owners", "")).isNull();
	}

	@Test
	void whenTheProxyReportsAMissingMethodThenTheReplySuggestsOne() {
		EndpointDispatcher loop = new EndpointDispatcher(this.table, new ValueWriter(this.conversionService), null);
		assertThat(loop.noSuchMethod("owners", "echoText"))
			.isEqualTo("owners.echoText: no such method; did you mean echo_text?");
		assertThat(loop.noSuchMethod("owners", "find_owner"))
			.isEqualTo("owners.find_owner: no such method; did you mean find_owners?");
		assertThat(loop.noSuchMethod("owners", "zap")).isEqualTo("owners.zap: no such method");
	}

	public static class Owners {

		public String echoText(String text) {
			return text;
		}

		public List<String> findOwners(String lastName) {
			return List.of(lastName);
		}

		public long count() {
			return 0;
		}

	}

}
