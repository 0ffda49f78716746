package dev.luayield.demo.world;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * One line of the turn log.
 */
@Entity
public class LogEntry {

	@Id
	@GeneratedValue
	private Long id;

	private int turn;

	private String message;

	@Column(name = "logged_at")
	private Instant at;

	protected LogEntry() {
	}

	public LogEntry(int turn, String message) {
		this.turn = turn;
		this.message = message;
		this.at = Instant.now();
	}

	public Long getId() {
		return this.id;
	}

	public int getTurn() {
		return this.turn;
	}

	public String getMessage() {
		return this.message;
	}

	public Instant getAt() {
		return this.at;
	}

}
