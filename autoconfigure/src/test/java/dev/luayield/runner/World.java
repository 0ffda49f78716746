package dev.luayield.runner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.luayield.annotation.LuaIgnore;
import dev.luayield.annotation.LuaMethod;

/**
 * A small game world endpoint the protocol tests call.
 */
public class World {

	public enum Faction {

		GOBLINS, ELVES

	}

	public record Position(int x, int y) {
	}

	public record Creature(long id, String name, int hp, Faction faction, Position position) {
	}

	public final Map<Long, Integer> hp = new HashMap<>();

	final List<String> calls = new ArrayList<>();

	public World() {
		this.hp.put(1L, 45);
		this.hp.put(2L, 100);
	}

	public int getHp(long id) {
		this.calls.add("getHp " + id);
		Integer value = this.hp.get(id);
		if (value == null) {
			throw new IllegalArgumentException("no entity " + id);
		}
		return value;
	}

	public void damage(long id, int amount) {
		this.calls.add("damage " + id + " " + amount);
		int current = getHp(id);
		if (current <= 0) {
			throw new IllegalStateException("dead entities take no damage");
		}
		this.hp.put(id, Math.max(0, current - amount));
	}

	public String greet(String name, Optional<String> title) {
		return "hello " + title.map((t) -> t + " ").orElse("") + name;
	}

	public Creature creature(long id) {
		return new Creature(id, "gob", getHp(id), Faction.GOBLINS, new Position(3, 4));
	}

	public String describe(Creature creature) {
		return creature.name() + "@" + creature.position().x() + "," + creature.position().y() + "/"
				+ creature.faction();
	}

	public int sum(List<Integer> values) {
		return values.stream().mapToInt(Integer::intValue).sum();
	}

	public Map<String, Integer> counts(Map<String, Integer> input) {
		Map<String, Integer> result = new HashMap<>(input);
		result.put("total", input.values().stream().mapToInt(Integer::intValue).sum());
		return result;
	}

	public double half(double value) {
		return value / 2;
	}

	public boolean isAlive(long id) {
		return getHp(id) > 0;
	}

	public Faction factionOf(String name) {
		return Faction.valueOf(name);
	}

	public String factionName(Faction faction) {
		return faction.name().toLowerCase();
	}

	@LuaMethod("hp_of_all")
	public List<Integer> allHp(long[] ids) {
		List<Integer> result = new ArrayList<>();
		for (long id : ids) {
			result.add(getHp(id));
		}
		return result;
	}

	public Object nothing() {
		return null;
	}

	public Object cyclic() {
		List<Object> list = new ArrayList<>();
		list.add(list);
		return list;
	}

	public String echo(String value) {
		return value;
	}

	public void checked() throws Exception {
		throw new Exception("checked failure");
	}

	public void fatal() {
		throw new OutOfMemoryError("simulated");
	}

	public Object nested(int depth) {
		Object value = 1;
		for (int i = 0; i < depth; i++) {
			value = List.of(value);
		}
		return value;
	}

	public int depthOf(Object value) {
		int depth = 0;
		while (value instanceof List<?> list && !list.isEmpty()) {
			value = list.get(0);
			depth++;
		}
		return depth;
	}

	public String threadName() {
		return Thread.currentThread().getName();
	}

	@LuaIgnore
	public void secret() {
		throw new AssertionError("must not be reachable from Lua");
	}

}
