package dev.luayield.demo;

import java.util.function.Consumer;

import dev.luayield.LuaScriptException;
import dev.luayield.demo.world.Creature;
import dev.luayield.demo.world.CreatureRepository;
import dev.luayield.demo.world.Faction;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Test-only service that does what an application's own transactional service would:
 * writes, calls a script, and catches the script's failure to carry on.
 */
@Service
public class CallerService {

	private final CreatureRepository creatures;

	public CallerService(CreatureRepository creatures) {
		this.creatures = creatures;
	}

	/**
	 * Saves a creature, then runs the call, handing any script failure to the handler
	 * instead of letting it end the transaction.
	 * @param call calls a script
	 * @param failure receives the script's failure
	 * @return the id of the saved creature
	 */
	@Transactional
	public long writeThenCall(Runnable call, Consumer<LuaScriptException> failure) {
		long id = this.creatures.save(new Creature("caller", "knight", Faction.HEROES, 10, 0, 0)).getId();
		try {
			call.run();
		}
		catch (LuaScriptException ex) {
			failure.accept(ex);
		}
		return id;
	}

}
