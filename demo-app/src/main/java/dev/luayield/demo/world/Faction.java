package dev.luayield.demo.world;

/**
 * The sides of the world.
 */
public enum Faction {

	GOBLINS, HEROES

}
