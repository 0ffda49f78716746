package dev.luayield.demo.game;

import java.util.List;
import java.util.Map;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptRunner;
import dev.luayield.demo.world.Counter;
import dev.luayield.demo.world.CounterRepository;
import dev.luayield.demo.world.CreatureRepository;
import dev.luayield.demo.world.LogEntryRepository;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plays the game: runs scripts with seeded dice, and whole turns.
 */
@Service
public class GameService {

	private final LuaScriptRunner lua;

	private final DiceEndpoint dice;

	private final CounterRepository counters;

	private final CreatureRepository creatures;

	private final LogEntryRepository log;

	public GameService(LuaScriptRunner lua, DiceEndpoint dice, CounterRepository counters, CreatureRepository creatures,
			LogEntryRepository log) {
		this.lua = lua;
		this.dice = dice;
		this.counters = counters;
		this.creatures = creatures;
		this.log = log;
	}

	/**
	 * Runs a named script.
	 * @param script the script name, such as {@code combat/on_hit}
	 * @param seed the dice seed
	 * @param args the script's arguments
	 * @return its result
	 */
	public Object run(String script, long seed, List<Object> args) {
		return this.dice.withSeed(seed, () -> this.lua.run(script, args.toArray()));
	}

	/**
	 * Runs source text with seeded dice and the given options.
	 * @param source the Lua source
	 * @param seed the dice seed
	 * @param options the invocation's options: what it may call, where its calls are
	 * recorded
	 * @return the result
	 */
	public Object eval(String source, long seed, LuaOptions options) {
		return this.dice.withSeed(seed, () -> this.lua.with(options).eval(source));
	}

	/**
	 * Runs a named script with seeded dice and the given options.
	 * @param script the script name
	 * @param seed the dice seed
	 * @param options the invocation's options: what it may call, where its calls are
	 * recorded
	 * @return the result
	 */
	public Object run(String script, long seed, LuaOptions options) {
		return this.dice.withSeed(seed, () -> this.lua.with(options).run(script));
	}

	/**
	 * Compiles source text without running it, with the sandbox's own {@code load}.
	 * @param name the name to report errors under
	 * @param source the Lua source
	 * @return Lua's message, or {@code null} when the source compiles
	 */
	public String compileError(String name, String source) {
		return this.lua.eval("local source, chunkname = ... local _, message = load(source, chunkname) return message",
				String.class, source, "@" + name + ".lua");
	}

	/**
	 * Plays one turn: the turn number goes up and the {@code turn} script moves every
	 * creature, all in one transaction (the script joins this method's).
	 * @return the turn number and what the turn script reported
	 */
	@Transactional
	public Map<String, Object> playTurn() {
		Counter turn = this.counters.findById(LogEndpoint.TURN)
			.orElseGet(() -> this.counters.save(new Counter(LogEndpoint.TURN, 0)));
		turn.setValue(turn.getValue() + 1);
		Object summary = this.dice.withSeed(turn.getValue(), () -> this.lua.run("turn"));
		return Map.of("turn", turn.getValue(), "summary", summary);
	}

	/**
	 * Returns the state of the world.
	 * @return creatures and the latest log lines
	 */
	@Transactional(readOnly = true)
	public Map<String, Object> state() {
		return Map.of("creatures", this.creatures.findAll().stream().map(WorldEndpoint.CreatureView::of).toList(),
				"log",
				this.log.findTop20ByOrderByIdDesc()
					.stream()
					.map((e) -> "[" + e.getTurn() + "] " + e.getMessage())
					.toList(),
				"turn", this.counters.findById(LogEndpoint.TURN).map(Counter::getValue).orElse(0L));
	}

}
