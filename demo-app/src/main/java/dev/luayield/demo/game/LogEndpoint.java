package dev.luayield.demo.game;

import java.util.List;

import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.annotation.LuaMethod;
import dev.luayield.demo.world.Counter;
import dev.luayield.demo.world.CounterRepository;
import dev.luayield.demo.world.LogEntry;
import dev.luayield.demo.world.LogEntryRepository;

/**
 * The turn log scripts write to.
 */
@LuaEndpoint("log")
public class LogEndpoint {

	static final String TURN = "turn";

	private final LogEntryRepository entries;

	private final CounterRepository counters;

	public LogEndpoint(LogEntryRepository entries, CounterRepository counters) {
		this.entries = entries;
		this.counters = counters;
	}

	@LuaMethod(doc = "Adds a line to the turn log.")
	public void write(String message) {
		this.entries.save(new LogEntry(turn(), message));
	}

	@LuaMethod(doc = "The current turn number.")
	public int turn() {
		return this.counters.findById(TURN).map(Counter::getValue).orElse(0L).intValue();
	}

	@LuaMethod(doc = "The last lines of the log, newest first.")
	public List<String> recent(int count) {
		return this.entries.findTop20ByOrderByIdDesc()
			.stream()
			.limit(Math.max(0, count))
			.map((entry) -> "[" + entry.getTurn() + "] " + entry.getMessage())
			.toList();
	}

}
