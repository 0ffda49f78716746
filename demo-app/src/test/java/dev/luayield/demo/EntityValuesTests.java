package dev.luayield.demo;

import java.util.List;
import java.util.Map;

import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.demo.world.Creature;
import dev.luayield.demo.world.CreatureRepository;
import dev.luayield.demo.world.Faction;
import dev.luayield.demo.world.Item;
import dev.luayield.demo.world.ItemRepository;
import dev.luayield.endpoint.LuaEndpointRegistry;
import dev.luayield.tooling.LuaLsDefinitions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for JPA entities across the boundary on the demo's H2 database: strict ids in,
 * mapped properties out, Hibernate proxies unwrapped.
 */
@SpringBootTest
class EntityValuesTests {

	@Autowired
	LuaScriptRunner lua;

	@Autowired
	CreatureRepository creatures;

	@Autowired
	ItemRepository items;

	@Autowired
	LuaEndpointRegistry registry;

	@Test
	void whenEntityIdIsNotAnIntegerThenArgumentError() {
		long id = spawn().getId();
		assertThat(this.lua.eval("return world:get_hp(...)", id)).isEqualTo(30L);
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.lua.eval("local id = ... return world:get_hp(id + 0.9)", id))
			.withMessageContaining("world.get_hp: arg 1 expected integer (Creature id), got number");
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.lua.eval("return world:get_hp(nil)"))
			.withMessageContaining("world.get_hp: arg 1 expected integer (Creature id), got nil");
	}

	@Test
	void whenEntityIsReturnedThenItsMappedPropertiesArriveWithAssociationsAsIds() {
		Creature creature = spawn();
		Item sword = this.items.save(new Item("sword", 3, creature));
		Item shield = this.items.save(new Item("shield", 1, creature));
		Object result = this.lua.eval("return entities:creature(...)", creature.getId());
		assertThat(result).isInstanceOf(Map.class);
		@SuppressWarnings("unchecked")
		Map<Object, Object> table = (Map<Object, Object>) result;
		assertThat(table).containsEntry("id", creature.getId())
			.containsEntry("name", "probe")
			.containsEntry("faction", "HEROES")
			.containsEntry("hp", 30L)
			.containsEntry("items", List.of(sword.getId(), shield.getId()))
			// isAlive() is a getter, not a mapped property.
			.doesNotContainKey("alive");
		assertThat(this.lua.eval("return entities:item(...)", sword.getId()))
			.isEqualTo(Map.of("id", sword.getId(), "name", "sword", "power", 3L, "owner", creature.getId()));
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenHibernateProxyIsReturnedThenTheEntityIsUnwrapped() {
		long id = spawn().getId();
		assertThat(this.lua.eval("return entities:is_proxy(...)", id)).isEqualTo(true);
		Object result = this.lua.eval("return entities:reference(...)", id);
		assertThat(result).isInstanceOf(Map.class);
		assertThat((Map<Object, Object>) result).containsEntry("id", id)
			.containsEntry("name", "probe")
			.doesNotContainKey("hibernateLazyInitializer");
	}

	@Test
	void whenDefinitionsAreGeneratedThenCreatureParametersAreIntegers() {
		String definitions = new LuaLsDefinitions(this.registry.get()).generate();
		assertThat(definitions).contains("---@param creature integer\n").doesNotContain("integer|table");
	}

	private Creature spawn() {
		return this.creatures.save(new Creature("probe", "knight", Faction.HEROES, 30, 1, 1));
	}

}
