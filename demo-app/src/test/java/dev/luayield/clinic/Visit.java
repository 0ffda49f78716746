package dev.luayield.clinic;

import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/**
 * A visit to the vet: an entity without a repository of its own, saved through its pet.
 */
@Entity
public class Visit {

	@Id
	@GeneratedValue
	private Long id;

	@ManyToOne
	private Pet pet;

	private LocalDate date;

	private String description;

	protected Visit() {
	}

	Visit(Pet pet, LocalDate date, String description) {
		this.pet = pet;
		this.date = date;
		this.description = description;
	}

	public Long getId() {
		return this.id;
	}

	public Pet getPet() {
		return this.pet;
	}

	public LocalDate getDate() {
		return this.date;
	}

	public String getDescription() {
		return this.description;
	}

}
