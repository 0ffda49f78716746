package dev.luayield.demo.world;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Creatures.
 */
public interface CreatureRepository extends JpaRepository<Creature, Long> {

	List<Creature> findByHpGreaterThanOrderById(int hp);

}
