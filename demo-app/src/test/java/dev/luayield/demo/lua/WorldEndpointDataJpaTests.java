package dev.luayield.demo.lua;

import dev.luayield.LuaScriptRunner;
import dev.luayield.demo.game.WorldEndpoint;
import dev.luayield.demo.world.Creature;
import dev.luayield.demo.world.CreatureRepository;
import dev.luayield.demo.world.Faction;
import dev.luayield.test.AutoConfigureLua;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other way round from {@code @LuaTest}: Boot's {@code @DataJpaTest} with LuaYield
 * added by {@code @AutoConfigureLua}, and only the endpoint under test imported. The
 * console's grant in {@code application.yml} names endpoints this test leaves out, which
 * would fail the start, so it is replaced by one within the imported endpoint.
 */
@DataJpaTest(properties = "lua.permissions.console=world.get_hp")
@AutoConfigureLua
@Import(WorldEndpoint.class)
class WorldEndpointDataJpaTests {

	@Autowired
	private LuaScriptRunner lua;

	@Autowired
	private CreatureRepository creatures;

	@Test
	void whenAScriptHealsACreatureThenTheRepositorySeesItInTheSameTransaction() {
		Creature mira = this.creatures.save(new Creature("Mira", "healer", Faction.HEROES, 25, 3, 3));
		mira.damage(10);
		Object hp = this.lua.eval("local id = ... return world:heal(id, 4)", mira.getId());
		assertThat(hp).isEqualTo(19L);
		assertThat(this.creatures.findById(mira.getId())).get().extracting(Creature::getHp).isEqualTo(19);
	}

	@Test
	void whenOnlyOneEndpointIsImportedThenScriptsSeeNoOther() {
		assertThat(this.lua.eval("return dice == nil and log == nil and world ~= nil")).isEqualTo(true);
	}

}
