package dev.luayield.clinic;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.annotation.LuaMethod;

/**
 * The clinic as scripts see it: owners and pets by id (loaded through their
 * repositories), visits only through their pet.
 */
@LuaEndpoint("clinic")
public class ClinicEndpoint {

	private final OwnerRepository owners;

	public ClinicEndpoint(OwnerRepository owners) {
		this.owners = owners;
	}

	@LuaMethod(doc = "A pet's name.")
	public String pet(Pet pet) {
		return pet.getName();
	}

	@LuaMethod(doc = "A pet's name, or 'nobody' without a pet.")
	public String petOrNobody(Optional<Pet> pet) {
		return pet.map(Pet::getName).orElse("nobody");
	}

	@LuaMethod(doc = "Ids of the owners whose last name starts so.")
	public List<Long> findOwners(String lastName) {
		return this.owners.findByLastNameStartingWithOrderById(lastName).stream().map(Owner::getId).toList();
	}

	@LuaMethod(doc = "Registers an owner; returns the id.")
	public long registerOwner(String firstName, String lastName) {
		return this.owners.save(new Owner(firstName, lastName)).getId();
	}

	public LocalDate birthDate(Pet pet) {
		return pet.getBirthDate();
	}

	@LuaMethod(doc = "Books a visit; returns the pet's number of visits.")
	public int addVisit(Pet pet, LocalDate date, String description) {
		pet.addVisit(date, description);
		return pet.getVisits().size();
	}

	public LocalDate dayAfter(LocalDate date) {
		return date.plusDays(1);
	}

	public void rename(Pet pet, String name) {
		pet.setName(name);
	}

	public BigDecimal decimal(String text) {
		return new BigDecimal(text);
	}

	public BigInteger twoToThe(int exponent, long plus) {
		return BigInteger.TWO.pow(exponent).add(BigInteger.valueOf(plus));
	}

	public double dose(float milligrams) {
		return milligrams;
	}

}
