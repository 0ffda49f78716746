package dev.luayield.demo.world;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

/**
 * A creature on the map.
 */
@Entity
public class Creature {

	@Id
	@GeneratedValue
	private Long id;

	private String name;

	private String kind;

	@Enumerated(EnumType.STRING)
	private Faction faction;

	private int hp;

	private int maxHp;

	private int x;

	private int y;

	@OneToMany(mappedBy = "owner")
	private List<Item> items = new ArrayList<>();

	protected Creature() {
	}

	public Creature(String name, String kind, Faction faction, int maxHp, int x, int y) {
		this.name = name;
		this.kind = kind;
		this.faction = faction;
		this.hp = maxHp;
		this.maxHp = maxHp;
		this.x = x;
		this.y = y;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getKind() {
		return this.kind;
	}

	public Faction getFaction() {
		return this.faction;
	}

	public int getHp() {
		return this.hp;
	}

	public int getMaxHp() {
		return this.maxHp;
	}

	public int getX() {
		return this.x;
	}

	public int getY() {
		return this.y;
	}

	public List<Item> getItems() {
		return this.items;
	}

	public boolean isAlive() {
		return this.hp > 0;
	}

	public int damage(int amount) {
		if (!isAlive()) {
			throw new IllegalStateException(this.name + " is dead and takes no damage");
		}
		if (amount < 0) {
			throw new IllegalArgumentException("damage must not be negative, got " + amount);
		}
		this.hp = Math.max(0, this.hp - amount);
		return this.hp;
	}

	public int heal(int amount) {
		if (!isAlive()) {
			throw new IllegalStateException(this.name + " is dead and cannot be healed");
		}
		if (amount < 0) {
			throw new IllegalArgumentException("healing must not be negative, got " + amount);
		}
		this.hp = Math.min(this.maxHp, this.hp + amount);
		return this.hp;
	}

	public void moveTo(int x, int y) {
		this.x = x;
		this.y = y;
	}

	public int distanceTo(Creature other) {
		return Math.max(Math.abs(this.x - other.x), Math.abs(this.y - other.y));
	}

}
