package dev.luayield.demo.world;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/**
 * An item a creature carries: its power adds to the damage it deals.
 */
@Entity
public class Item {

	@Id
	@GeneratedValue
	private Long id;

	private String name;

	private int power;

	@ManyToOne
	private Creature owner;

	protected Item() {
	}

	public Item(String name, int power, Creature owner) {
		this.name = name;
		this.power = power;
		this.owner = owner;
		owner.getItems().add(this);
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public int getPower() {
		return this.power;
	}

	public Creature getOwner() {
		return this.owner;
	}

}
