package dev.luayield.demo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.annotation.LuaIgnore;
import dev.luayield.demo.world.Creature;
import dev.luayield.demo.world.CreatureRepository;
import dev.luayield.demo.world.Faction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Test-only endpoint that lets scripts look at the transaction from outside: identity, a
 * concurrent writer, raw reads past the persistence context, and a barrier to force two
 * invocations to interleave.
 */
@LuaEndpoint("probe")
public class ProbeEndpoint {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate separate;

	private final CreatureRepository creatures;

	private volatile CyclicBarrier barrier = new CyclicBarrier(1);

	public ProbeEndpoint(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			CreatureRepository creatures) {
		this.jdbc = jdbc;
		this.creatures = creatures;
		this.separate = new TransactionTemplate(transactionManager);
		this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	public boolean same(Creature a, Creature b) {
		return a == b;
	}

	/** Commits a change from another thread, as a concurrent writer would. */
	public void commitElsewhere(long creatureId, int hp) throws Exception {
		CompletableFuture
			.runAsync(() -> this.separate.executeWithoutResult(
					(status) -> this.jdbc.update("update creature set hp = ? where id = ?", hp, creatureId)))
			.get(10, TimeUnit.SECONDS);
	}

	/**
	 * Inserts a creature: with an identity column the INSERT reaches the database at
	 * once.
	 */
	public long spawn(int hp) {
		return this.creatures.save(new Creature("probe", "goblin", Faction.GOBLINS, hp, 0, 0)).getId();
	}

	/** Inserts a counter with SQL, past the persistence context and its flush mode. */
	public void insertCounter(String name) {
		this.jdbc.update("insert into counter (name, counter_value) values (?, 0)", name);
	}

	/** Reads hit points with SQL, past the persistence context. */
	public int rawHp(long creatureId) {
		return this.jdbc.queryForObject("select hp from creature where id = ?", Integer.class, creatureId);
	}

	public void await() throws Exception {
		this.barrier.await(10, TimeUnit.SECONDS);
	}

	@LuaIgnore
	public void expect(int parties) {
		this.barrier = new CyclicBarrier(parties);
	}

}
