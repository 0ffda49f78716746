package dev.luayield.clinic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;

/**
 * A pet; its visits are saved with it (there is no repository for visits).
 */
@Entity
public class Pet {

	@Id
	@GeneratedValue
	private Long id;

	private String name;

	private LocalDate birthDate;

	@ManyToOne
	private Owner owner;

	@OneToMany(mappedBy = "pet", cascade = CascadeType.ALL)
	private List<Visit> visits = new ArrayList<>();

	protected Pet() {
	}

	public Pet(String name, LocalDate birthDate, Owner owner) {
		this.name = name;
		this.birthDate = birthDate;
		this.owner = owner;
		owner.getPets().add(this);
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public LocalDate getBirthDate() {
		return this.birthDate;
	}

	public Owner getOwner() {
		return this.owner;
	}

	public List<Visit> getVisits() {
		return this.visits;
	}

	public Visit addVisit(LocalDate date, String description) {
		Visit visit = new Visit(this, date, description);
		this.visits.add(visit);
		return visit;
	}

}
