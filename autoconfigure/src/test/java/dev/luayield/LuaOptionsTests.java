package dev.luayield;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LuaOptions}: the grant's names are checked where they are given, and
 * every option survives the others' copies.
 */
class LuaOptionsTests {

	@Test
	void whenNoGrantIsGivenThenThereIsNone() {
		assertThat(LuaOptions.defaults().hasGrant()).isFalse();
		assertThat(LuaOptions.readOnly().getEndpoints()).isNull();
		assertThat(LuaOptions.readOnly().getMethods()).isNull();
	}

	@Test
	void whenEndpointsAndMethodsAreGivenThenBothAreKeptThroughOtherOptions() {
		LuaTrace trace = new LuaTrace();
		LuaOptions options = LuaOptions.defaults()
			.withEndpoints("world", "dice", "world")
			.withMethods("clinic.find_owners", "log.*")
			.withReadOnly(true)
			.withTimeout(Duration.ofSeconds(1))
			.withTrace(trace);
		assertThat(options.hasGrant()).isTrue();
		assertThat(options.getEndpoints()).containsExactly("world", "dice");
		assertThat(options.getMethods()).containsExactly("clinic.find_owners", "log.*");
		assertThat(options.getReadOnly()).isTrue();
		assertThat(options.getTrace()).isSameAs(trace);
	}

	@Test
	void whenNoNamesAreGivenThenTheGrantIsEmpty() {
		LuaOptions options = LuaOptions.defaults().withEndpoints();
		assertThat(options.hasGrant()).isTrue();
		assertThat(options.getEndpoints()).isEmpty();
	}

	@Test
	void whenAGrantIsGivenAgainThenItReplacesTheEarlierOne() {
		assertThat(LuaOptions.defaults().withEndpoints("world").withEndpoints("dice").getEndpoints())
			.containsExactly("dice");
	}

	@Test
	void whenANameIsBlankOrNullThenItFailsAtOnce() {
		assertThatIllegalArgumentException().isThrownBy(() -> LuaOptions.defaults().withEndpoints("world", " "))
			.withMessage("withEndpoints: a name is blank in [world,  ]");
		assertThatIllegalArgumentException().isThrownBy(() -> LuaOptions.defaults().withMethods((String) null))
			.withMessage("withMethods: a name is null in [null]");
		assertThatIllegalArgumentException().isThrownBy(() -> LuaOptions.defaults().withEndpoints((String[]) null))
			.withMessageContaining("the names are null");
	}

	@Test
	void whenANameIsMalformedThenItFailsAtOnceNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> LuaOptions.defaults().withEndpoints("world.get_hp"))
			.withMessage("withEndpoints: 'world.get_hp' is not an endpoint's Lua global"
					+ " (name single methods with withMethods)");
		assertThatIllegalArgumentException().isThrownBy(() -> LuaOptions.defaults().withEndpoints("9lives"))
			.withMessage("withEndpoints: '9lives' is not an endpoint's Lua global");
		assertThatIllegalArgumentException().isThrownBy(() -> LuaOptions.defaults().withMethods("world"))
			.withMessage("withMethods: 'world' is not 'endpoint.method' or 'endpoint.*'");
		assertThatIllegalArgumentException().isThrownBy(() -> LuaOptions.defaults().withMethods("world.get-hp"))
			.withMessage("withMethods: 'world.get-hp' is not 'endpoint.method' or 'endpoint.*'");
		assertThatIllegalArgumentException().isThrownBy(() -> LuaOptions.defaults().withMethods("*.get_hp"))
			.withMessage("withMethods: '*.get_hp' is not 'endpoint.method' or 'endpoint.*'");
	}

}
