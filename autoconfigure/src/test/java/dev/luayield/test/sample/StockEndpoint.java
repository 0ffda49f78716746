package dev.luayield.test.sample;

import dev.luayield.annotation.LuaEndpoint;

/**
 * The warehouse as scripts see it.
 */
@LuaEndpoint("stock")
public class StockEndpoint {

	private final Warehouse warehouse;

	public StockEndpoint(Warehouse warehouse) {
		this.warehouse = warehouse;
	}

	public int count(String item) {
		return this.warehouse.count(item);
	}

	public void take(String item, int quantity) {
		if (quantity > this.warehouse.count(item)) {
			throw new IllegalArgumentException("only " + this.warehouse.count(item) + " " + item + " left");
		}
		this.warehouse.take(item, quantity);
	}

}
