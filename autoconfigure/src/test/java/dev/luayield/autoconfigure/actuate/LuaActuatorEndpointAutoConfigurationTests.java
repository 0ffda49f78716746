package dev.luayield.autoconfigure.actuate;

import java.util.List;

import dev.luayield.actuate.LuaActuatorEndpoint;
import dev.luayield.actuate.LuaActuatorEndpoint.EndpointDescriptor;
import dev.luayield.actuate.LuaActuatorEndpoint.LuaDescriptor;
import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.annotation.LuaMethod;
import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import org.junit.jupiter.api.Test;
import party.iroiro.luajava.luajit.LuaJit;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LuaActuatorEndpointAutoConfiguration} and the {@code lua} endpoint.
 */
class LuaActuatorEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(LuaYieldAutoConfiguration.class, LuaActuatorEndpointAutoConfiguration.class))
		.withBean("worldBean", World.class, World::new)
		.withPropertyValues("management.endpoints.web.exposure.include=lua");

	@Test
	void whenEndpointIsExposedThenItGroupsMethodsByEndpointAndDescribesScriptsPoolAndLimits() {
		this.contextRunner.run((context) -> {
			LuaDescriptor lua = context.getBean(LuaActuatorEndpoint.class).lua();
			assertThat(lua.endpoints()).containsOnlyKeys("world");
			EndpointDescriptor world = lua.endpoints().get("world");
			assertThat(world.bean()).isEqualTo("worldBean");
			assertThat(world.type()).isEqualTo(World.class.getName());
			assertThat(world.methods()).extracting(LuaActuatorEndpoint.MethodDescriptor::lua)
				.containsExactly("get_hp", "heal", "positions");
			assertThat(world.methods().get(0).java()).endsWith("World.getHp");
			assertThat(world.methods().get(0).parameters()).containsExactly("long");
			assertThat(world.methods().get(0).returns()).isEqualTo("int");
			assertThat(world.methods().get(0).doc()).isEqualTo("Hit points left.");
			assertThat(lua.scripts()).contains("combat/on_hit", "quest/attack", "lib/tally");
			assertThat(lua.pool().maxTotal()).isPositive();
			assertThat(lua.limits()).containsEntry("timeout", "PT5S").containsEntry("nesting", 32);
		});
	}

	@Test
	void whenPermissionsAreConfiguredThenTheEndpointShowsThem() {
		this.contextRunner.withPropertyValues("lua.permissions.combat=world.get_hp,world.heal", "lua.permissions.eval=")
			.run((context) -> {
				LuaDescriptor lua = context.getBean(LuaActuatorEndpoint.class).lua();
				assertThat(lua.permissions()).containsEntry("combat", List.of("world.get_hp", "world.heal"))
					.containsEntry("eval", List.of());
			});
		this.contextRunner
			.run((context) -> assertThat(context.getBean(LuaActuatorEndpoint.class).lua().permissions()).isEmpty());
	}

	@Test
	void whenDefinitionsAreAskedForThenTheyAreValidLuaDescribingTheApi() {
		this.contextRunner.run((context) -> {
			String definitions = context.getBean(LuaActuatorEndpoint.class).definitions("definitions");
			assertThat(definitions).startsWith("---@meta")
				.contains("---@class world\nworld = {}")
				.contains("--- Hit points left.\n--- (World.getHp)\n---@param id integer\n---@return integer\n"
						+ "function world:get_hp(id) end")
				.contains("---@param amount integer?\n---@return Position[]")
				.contains("---@class Position\n---@field x integer\n---@field y integer")
				.contains("---@alias Mood \"CALM\"|\"ANGRY\"");
			try (LuaJit lua = new LuaJit()) {
				lua.load(definitions);
				lua.pCall(0, 0);
			}
			assertThat(context.getBean(LuaActuatorEndpoint.class).definitions("other")).isNull();
		});
	}

	@Test
	void whenEndpointIsNotExposedThenThereIsNone() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LuaYieldAutoConfiguration.class, LuaActuatorEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LuaActuatorEndpoint.class));
	}

	@LuaEndpoint("world")
	static class World {

		@LuaMethod(doc = "Hit points left.")
		public int getHp(long id) {
			return 1;
		}

		public Mood heal(long id, Integer amount) {
			return Mood.CALM;
		}

		public List<Position> positions(Integer amount) {
			return List.of();
		}

	}

	enum Mood {

		CALM, ANGRY

	}

	record Position(int x, int y) {
	}

}
