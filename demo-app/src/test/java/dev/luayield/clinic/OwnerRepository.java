package dev.luayield.clinic;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Owners.
 */
public interface OwnerRepository extends JpaRepository<Owner, Long> {

	List<Owner> findByLastNameStartingWithOrderById(String lastName);

}
