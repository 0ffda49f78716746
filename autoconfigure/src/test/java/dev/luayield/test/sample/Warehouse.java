package dev.luayield.test.sample;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;

/**
 * What is in stock: a collaborator of an endpoint, not an endpoint.
 */
@Service
public class Warehouse {

	private final Map<String, Integer> items = new ConcurrentHashMap<>(Map.of("potion", 5, "sword", 1));

	public int count(String item) {
		return this.items.getOrDefault(item, 0);
	}

	public void take(String item, int quantity) {
		this.items.merge(item, -quantity, Integer::sum);
	}

}
