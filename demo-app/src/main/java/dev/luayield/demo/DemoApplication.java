package dev.luayield.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small roguelike world whose rules are Lua scripts: creatures, items and a turn log in
 * a real database, and scripts that read and change them through {@code world},
 * {@code dice} and {@code log}.
 */
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
