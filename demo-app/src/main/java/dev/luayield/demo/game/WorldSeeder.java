package dev.luayield.demo.game;

import dev.luayield.demo.world.Creature;
import dev.luayield.demo.world.CreatureRepository;
import dev.luayield.demo.world.Faction;
import dev.luayield.demo.world.Item;
import dev.luayield.demo.world.ItemRepository;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts a few creatures on an empty map.
 */
@Component
public class WorldSeeder implements ApplicationRunner {

	private final CreatureRepository creatures;

	private final ItemRepository items;

	public WorldSeeder(CreatureRepository creatures, ItemRepository items) {
		this.creatures = creatures;
		this.items = items;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (this.creatures.count() > 0) {
			return;
		}
		Creature snag = this.creatures.save(new Creature("Snag", "goblin", Faction.GOBLINS, 30, 5, 5));
		this.creatures.save(new Creature("Grub", "goblin", Faction.GOBLINS, 24, 6, 4));
		this.creatures.save(new Creature("Rot", "goblin", Faction.GOBLINS, 20, 7, 6));
		Creature aldric = this.creatures.save(new Creature("Aldric", "knight", Faction.HEROES, 40, 8, 5));
		this.creatures.save(new Creature("Mira", "healer", Faction.HEROES, 25, 9, 6));
		this.items.save(new Item("rusty knife", 2, snag));
		this.items.save(new Item("longsword", 5, aldric));
	}

}
