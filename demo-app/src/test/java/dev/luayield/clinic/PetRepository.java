package dev.luayield.clinic;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Pets.
 */
public interface PetRepository extends JpaRepository<Pet, Long> {

}
