package dev.luayield.demo.lua;

import java.util.List;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaTrace;
import dev.luayield.demo.game.DiceEndpoint;
import dev.luayield.demo.game.GameService;
import dev.luayield.demo.game.WorldEndpoint;
import dev.luayield.demo.game.WorldSeeder;
import dev.luayield.demo.web.GameController;
import dev.luayield.demo.world.Creature;
import dev.luayield.demo.world.CreatureRepository;
import dev.luayield.demo.world.Faction;
import dev.luayield.demo.world.LogEntry;
import dev.luayield.demo.world.LogEntryRepository;
import dev.luayield.replay.LuaReplay;
import dev.luayield.test.LuaTest;
import dev.luayield.transaction.TransactionalInvocationInterceptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.AutoConfigureDataJpa;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;

import static dev.luayield.test.LuaTraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code turn} script and the AI modules it requires, on a small world set up for
 * each test: a knight that advances, a healer that mends him, and a badly hurt goblin
 * that flees. The AI decides by position and hit points, so only the healer's die is left
 * to chance, and it is read back from the trace.
 */
@LuaTest
@AutoConfigureDataJpa
@AutoConfigureTestDatabase
@Transactional
class TurnScriptTests {

	@Autowired
	private LuaScriptRunner lua;

	@Autowired
	private DiceEndpoint dice;

	@Autowired
	private CreatureRepository creatures;

	@Autowired
	private LogEntryRepository log;

	@Autowired
	private ApplicationContext context;

	private Creature aldric;

	private Creature snag;

	@BeforeEach
	void placeCreatures() {
		this.aldric = this.creatures.save(new Creature("Aldric", "knight", Faction.HEROES, 40, 2, 2));
		this.aldric.damage(10);
		this.creatures.save(new Creature("Mira", "healer", Faction.HEROES, 25, 3, 3));
		this.snag = this.creatures.save(new Creature("Snag", "goblin", Faction.GOBLINS, 30, 5, 2));
		this.snag.damage(25);
	}

	@Test
	void whenATurnIsPlayedThenEachCreatureActsByItsKind() {
		LuaTrace trace = new LuaTrace();
		Object actions = this.dice.withSeed(3, () -> traced(trace).run("turn"));
		assertThat(actions)
			.isEqualTo(List.of("Aldric advances on Snag", "Mira heals Aldric", "Snag flees from Aldric"));
		assertThat(List.of(this.aldric.getX(), this.aldric.getY())).containsExactly(3, 2);
		assertThat(List.of(this.snag.getX(), this.snag.getY())).containsExactly(6, 2);
		long healed = healingRoll(trace) + 2;
		assertThat(this.aldric.getHp()).isEqualTo(30 + healed);
		assertThat(messages()).containsExactly("Mira heals Aldric to " + (30 + healed), "turn 0: 3 creatures acted");
	}

	@Test
	void whenATurnIsPlayedThenTheCallsComeInTheOrderTheCreaturesAct() {
		LuaTrace trace = new LuaTrace();
		this.dice.withSeed(3, () -> traced(trace).run("turn"));
		assertThat(trace)
			.containsCallsInOrder("world.living_creatures", "world.enemies_near", "world.move", "world.allies_near",
					"dice.roll", "world.heal", "log.write", "world.enemies_near", "world.move", "log.write")
			.doesNotCall("world.damage", "dice.chance", "world.spawn");
		assertThat(trace).call(1).hasMethod("world.living_creatures").hasArguments();
	}

	@Test
	void whenATurnIsRecordedThenTheAiReplaysItWithoutTheDatabase() {
		LuaTrace trace = new LuaTrace();
		this.dice.withSeed(3, () -> traced(trace).run("turn"));
		assertThat(trace).isReplayedBy(new LuaReplay("classpath:/lua/"));
	}

	@Test
	void theSliceHasTheEndpointsAndTransactionsButNotTheRestOfTheDemo() {
		assertThat(this.context.getBeanNamesForType(WorldEndpoint.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(TransactionalInvocationInterceptor.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(GameService.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(WorldSeeder.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(GameController.class)).isEmpty();
	}

	private long healingRoll(LuaTrace trace) {
		return trace.getCalls()
			.stream()
			.filter((call) -> call.method().equals("dice.roll"))
			.map((call) -> (Long) call.reply())
			.findFirst()
			.orElseThrow();
	}

	private LuaScriptRunner traced(LuaTrace trace) {
		return this.lua.with(LuaOptions.defaults().withTrace(trace));
	}

	private List<String> messages() {
		return this.log.findAll(Sort.by("id")).stream().map(LogEntry::getMessage).toList();
	}

}
