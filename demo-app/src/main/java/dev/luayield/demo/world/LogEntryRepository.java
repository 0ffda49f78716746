package dev.luayield.demo.world;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The turn log.
 */
public interface LogEntryRepository extends JpaRepository<LogEntry, Long> {

	List<LogEntry> findTop20ByOrderByIdDesc();

}
