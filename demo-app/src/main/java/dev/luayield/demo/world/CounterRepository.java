package dev.luayield.demo.world;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * Counters, readable with or without a write lock.
 */
public interface CounterRepository extends JpaRepository<Counter, String> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from Counter c where c.name = ?1")
	Optional<Counter> findLocked(String name);

}
