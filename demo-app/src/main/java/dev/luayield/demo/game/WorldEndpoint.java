package dev.luayield.demo.game;

import java.util.Comparator;
import java.util.List;

import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.annotation.LuaMethod;
import dev.luayield.demo.world.Counter;
import dev.luayield.demo.world.CounterRepository;
import dev.luayield.demo.world.Creature;
import dev.luayield.demo.world.CreatureRepository;
import dev.luayield.demo.world.Faction;
import dev.luayield.demo.world.Item;
import dev.luayield.demo.world.ItemRepository;

/**
 * The world as scripts see it. Creature parameters are ids in Lua: Spring Data loads the
 * entity, from the invocation's persistence context when it is already there.
 */
@LuaEndpoint("world")
public class WorldEndpoint {

	/** The map is a square of this many cells a side. */
	public static final int SIZE = 20;

	private final CreatureRepository creatures;

	private final ItemRepository items;

	private final CounterRepository counters;

	public WorldEndpoint(CreatureRepository creatures, ItemRepository items, CounterRepository counters) {
		this.creatures = creatures;
		this.items = items;
		this.counters = counters;
	}

	@LuaMethod(doc = "Hit points left.")
	public int getHp(Creature creature) {
		return creature.getHp();
	}

	@LuaMethod(doc = "Hit points when unhurt.")
	public int maxHp(Creature creature) {
		return creature.getMaxHp();
	}

	public String name(Creature creature) {
		return creature.getName();
	}

	public String kind(Creature creature) {
		return creature.getKind();
	}

	public Faction faction(Creature creature) {
		return creature.getFaction();
	}

	public boolean alive(Creature creature) {
		return creature.isAlive();
	}

	public Position position(Creature creature) {
		return new Position(creature.getX(), creature.getY());
	}

	@LuaMethod(doc = "Everything about a creature, as a table.")
	public CreatureView creature(Creature creature) {
		return CreatureView.of(creature);
	}

	@LuaMethod(doc = "Deals damage; returns the hit points left. Dead creatures take no damage.")
	public int damage(Creature creature, int amount) {
		return creature.damage(amount);
	}

	@LuaMethod(doc = "Heals up to the maximum; returns the hit points.")
	public int heal(Creature creature, int amount) {
		return creature.heal(amount);
	}

	@LuaMethod(doc = "Moves by at most one cell each way, staying on the map.")
	public Position move(Creature creature, int dx, int dy) {
		int x = clamp(creature.getX() + Integer.signum(dx));
		int y = clamp(creature.getY() + Integer.signum(dy));
		creature.moveTo(x, y);
		return new Position(x, y);
	}

	public int distance(Creature from, Creature to) {
		return from.distanceTo(to);
	}

	@LuaMethod(doc = "Ids of living creatures within the radius, nearest first.")
	public List<Long> creaturesNear(Creature creature, int radius) {
		return near(creature, radius, null);
	}

	@LuaMethod(doc = "Ids of living enemies within the radius, nearest first.")
	public List<Long> enemiesNear(Creature creature, int radius) {
		return near(creature, radius, true);
	}

	@LuaMethod(doc = "Ids of living allies within the radius, nearest first.")
	public List<Long> alliesNear(Creature creature, int radius) {
		return near(creature, radius, false);
	}

	@LuaMethod(doc = "Ids of every living creature.")
	public List<Long> livingCreatures() {
		return this.creatures.findByHpGreaterThanOrderById(0).stream().map(Creature::getId).toList();
	}

	@LuaMethod(doc = "Creates a creature; returns its id.")
	public long spawn(String name, String kind, Faction faction, int hp, int x, int y) {
		if (hp <= 0) {
			throw new IllegalArgumentException("a creature needs positive hit points, got " + hp);
		}
		return this.creatures.save(new Creature(name, kind, faction, hp, clamp(x), clamp(y))).getId();
	}

	@LuaMethod(doc = "Gives a creature a new item; returns its id.")
	public long giveItem(Creature creature, String name, int power) {
		return this.items.save(new Item(name, power, creature)).getId();
	}

	public List<ItemView> items(Creature creature) {
		return creature.getItems().stream().map(ItemView::of).toList();
	}

	@LuaMethod(doc = "Power of the creature's best item, 0 without one.")
	public int weaponPower(Creature creature) {
		return creature.getItems().stream().mapToInt(Item::getPower).max().orElse(0);
	}

	@LuaMethod(doc = "Reads a counter without locking it.")
	public long counter(String name) {
		return this.counters.findById(name).map(Counter::getValue).orElse(0L);
	}

	@LuaMethod(doc = "Reads a counter and locks it until the invocation's transaction ends.")
	public long counterLocked(String name) {
		return this.counters.findLocked(name).map(Counter::getValue).orElse(0L);
	}

	public void setCounter(String name, long value) {
		Counter counter = this.counters.findById(name).orElseGet(() -> this.counters.save(new Counter(name, 0)));
		counter.setValue(value);
	}

	private List<Long> near(Creature creature, int radius, Boolean enemies) {
		return this.creatures.findByHpGreaterThanOrderById(0)
			.stream()
			.filter((other) -> !other.getId().equals(creature.getId()))
			.filter((other) -> enemies == null || (other.getFaction() != creature.getFaction()) == enemies)
			.filter((other) -> creature.distanceTo(other) <= radius)
			.sorted(Comparator.comparingInt(creature::distanceTo))
			.map(Creature::getId)
			.toList();
	}

	private static int clamp(int coordinate) {
		return Math.max(0, Math.min(SIZE - 1, coordinate));
	}

	/**
	 * A cell of the map.
	 *
	 * @param x the column
	 * @param y the row
	 */
	public record Position(int x, int y) {
	}

	/**
	 * A creature as a table.
	 *
	 * @param id its id
	 * @param name its name
	 * @param kind what it is (goblin, healer, knight)
	 * @param faction its side
	 * @param hp hit points left
	 * @param maxHp hit points when unhurt
	 * @param x its column
	 * @param y its row
	 */
	public record CreatureView(long id, String name, String kind, Faction faction, int hp, int maxHp, int x, int y) {

		static CreatureView of(Creature creature) {
			return new CreatureView(creature.getId(), creature.getName(), creature.getKind(), creature.getFaction(),
					creature.getHp(), creature.getMaxHp(), creature.getX(), creature.getY());
		}

	}

	/**
	 * An item as a table.
	 *
	 * @param id its id
	 * @param name its name
	 * @param power the damage it adds
	 */
	public record ItemView(long id, String name, int power) {

		static ItemView of(Item item) {
			return new ItemView(item.getId(), item.getName(), item.getPower());
		}

	}

}
