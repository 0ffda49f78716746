package dev.luayield.demo.world;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A named number: the turn number, and the counters scripts increment.
 */
@Entity
public class Counter {

	@Id
	private String name;

	@Column(name = "counter_value")
	private long value;

	protected Counter() {
	}

	public Counter(String name, long value) {
		this.name = name;
		this.value = value;
	}

	public String getName() {
		return this.name;
	}

	public long getValue() {
		return this.value;
	}

	public void setValue(long value) {
		this.value = value;
	}

}
