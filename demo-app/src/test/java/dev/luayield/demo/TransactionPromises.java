package dev.luayield.demo;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptNotFoundException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.demo.world.Counter;
import dev.luayield.demo.world.CounterRepository;
import dev.luayield.demo.world.Creature;
import dev.luayield.demo.world.CreatureRepository;
import dev.luayield.demo.world.Faction;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The promise "a script runs as one unit of work", test by test, against whichever
 * database the subclass starts the application on.
 */
abstract class TransactionPromises {

	@Autowired
	LuaScriptRunner lua;

	@Autowired
	CreatureRepository creatures;

	@Autowired
	CounterRepository counters;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	ProbeEndpoint probe;

	@Autowired
	CallerService caller;

	@Test
	void whenScriptSucceedsThenAllItsChangesAreCommitted() {
		long a = spawn(30);
		long b = spawn(30);
		this.lua.eval("local a, b = ... world:damage(a, 5) world:damage(b, 7)", a, b);
		assertThat(hp(a)).isEqualTo(25);
		assertThat(hp(b)).isEqualTo(23);
	}

	@Test
	void whenScriptFailsLateThenAllItsChangesAreRolledBack() {
		long a = spawn(30);
		long b = spawn(30);
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.lua.eval("local a, b = ... world:damage(a, 5) world:damage(b, 7)\n"
					+ "log:write('about to fail')\nerror('late failure')", a, b))
			.withMessage("eval:3: late failure");
		assertThat(hp(a)).isEqualTo(30);
		assertThat(hp(b)).isEqualTo(30);
	}

	@Test
	void whenCallerRollsBackThenTheScriptsChangesVanishWithIt() {
		long a = spawn(30);
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.lua.eval("world:damage(..., 10)", a);
			assertThat(this.lua.eval("return world:get_hp(...)", a)).as("seen inside the caller's transaction")
				.isEqualTo(20L);
			status.setRollbackOnly();
		});
		assertThat(hp(a)).isEqualTo(30);
	}

	@Test
	void whenScriptLoadsAnEntityTwiceThenItIsTheSameInstance() {
		long a = spawn(30);
		assertThat(this.lua.eval("local a = ... return probe:same(a, a)", a)).isEqualTo(true);
	}

	@Test
	void whenOneCallChangesAnEntityThenTheNextCallSeesIt() {
		long a = spawn(30);
		assertThat(this.lua.eval("local a = ... world:damage(a, 4) return world:get_hp(a)", a)).isEqualTo(26L);
	}

	@Test
	void whenAnotherThreadCommitsMidScriptThenEntitiesReadBeforeKeepTheirState() {
		long a = spawn(30);
		Object seen = this.lua.eval("local a = ... local before = world:get_hp(a)\n" + "probe:commit_elsewhere(a, 1)\n"
				+ "return { before, world:get_hp(a), probe:raw_hp(a) }", a);
		// The persistence context gives repeatable reads of entities; a raw SQL read at
		// the database's default READ COMMITTED sees the other transaction's commit.
		assertThat(seen).isEqualTo(List.of(30L, 30L, 1L));
	}

	@Test
	void whenIsolationIsRepeatableReadThenEvenRawReadsDoNotSeeTheConcurrentCommit() {
		long a = spawn(30);
		Object seen = this.lua
			.with(LuaOptions.defaults().withIsolation(TransactionDefinition.ISOLATION_REPEATABLE_READ))
			.eval("local a = ... local before = probe:raw_hp(a)\n" + "probe:commit_elsewhere(a, 1)\n"
					+ "return { before, probe:raw_hp(a) }", a);
		assertThat(seen).isEqualTo(List.of(30L, 30L));
		assertThat(hp(a)).isEqualTo(1);
	}

	@Test
	void whenInvocationIsReadOnlyThenItsWritesAreNotPersisted() {
		long a = spawn(30);
		Object inside = this.lua.with(LuaOptions.readOnly()).eval("world:damage(..., 9) return world:get_hp(...)", a);
		assertThat(inside).as("the script sees its own change in memory").isEqualTo(21L);
		assertThat(hp(a)).as("but a read-only transaction never flushes it").isEqualTo(30);
	}

	@Test
	void whenCallerCatchesAMissingScriptThenItsOwnWriteCommits() {
		AtomicReference<LuaScriptException> failure = new AtomicReference<>();
		long id = this.caller.writeThenCall(() -> this.lua.run("test/no_such_script"), failure::set);
		assertThat(failure.get()).isInstanceOf(LuaScriptNotFoundException.class);
		assertThat(this.creatures.existsById(id)).isTrue();
	}

	@Test
	void whenCallerCatchesASyntaxErrorThenItsOwnWriteCommits() {
		AtomicReference<LuaScriptException> failure = new AtomicReference<>();
		long id = this.caller.writeThenCall(() -> this.lua.eval("return +"), failure::set);
		assertThat(failure.get()).hasMessageStartingWith("eval:1:");
		assertThat(this.creatures.existsById(id)).isTrue();
	}

	@Test
	void whenCallerCatchesAnInvalidScriptNameThenItsOwnWriteCommits() {
		AtomicReference<LuaScriptException> failure = new AtomicReference<>();
		long id = this.caller.writeThenCall(() -> this.lua.run("../etc/passwd"), failure::set);
		assertThat(failure.get()).hasMessageContaining("invalid script name");
		assertThat(this.creatures.existsById(id)).isTrue();
	}

	@Test
	void whenJoinedScriptFailsAtRunTimeThenTheCallersTransactionIsRolledBackAndTheMessageSaysSo() {
		AtomicReference<LuaScriptException> failure = new AtomicReference<>();
		long before = this.creatures.count();
		assertThatExceptionOfType(UnexpectedRollbackException.class).isThrownBy(
				() -> this.caller.writeThenCall(() -> this.lua.eval("probe:spawn(3) error('boom')"), failure::set));
		assertThat(failure.get()).hasMessageStartingWith("eval:1: boom")
			.hasMessageContaining("the caller's transaction was marked rollback-only");
		assertThat(this.creatures.count()).isEqualTo(before);
	}

	@Test
	void whenScriptThatFailsAtRunTimeRequiresANewTransactionThenTheCallersWriteCommits() {
		AtomicReference<LuaScriptException> failure = new AtomicReference<>();
		long before = this.creatures.count();
		long id = this.caller.writeThenCall(() -> this.lua
			.with(LuaOptions.defaults().withPropagation(TransactionDefinition.PROPAGATION_REQUIRES_NEW))
			.eval("probe:spawn(3) error('boom')"), failure::set);
		assertThat(failure.get()).hasMessage("eval:1: boom");
		assertThat(this.creatures.existsById(id)).isTrue();
		assertThat(this.creatures.count()).as("the script's own insert was rolled back").isEqualTo(before + 1);
	}

	@Test
	void whenReadOnlyScriptInsertsThenTheInsertIsNeverCommitted() {
		Object id = this.lua.with(LuaOptions.readOnly()).eval("return probe:spawn(4)");
		assertThat(id).isInstanceOf(Long.class);
		assertThat(this.creatures.existsById((Long) id)).isFalse();
	}

	@Test
	void whenReadOnlyScriptInsertsWithSqlThenTheInsertIsNeverCommitted() {
		// H2 lets the insert run in the read-only transaction, which then rolls back;
		// PostgreSQL refuses it at once (SQL state 25006), which fails the script.
		try {
			this.lua.with(LuaOptions.readOnly()).eval("probe:insert_counter('read-only-raw')");
		}
		catch (LuaScriptException ex) {
			assertThat(ex).hasMessageContaining("read-only transaction");
		}
		assertThat(this.counters.existsById("read-only-raw")).isFalse();
	}

	@Test
	void whenReadOnlyIsAskedInsideTheCallersReadWriteTransactionThenItFailsBeforeRunningAndTheCallersWriteCommits() {
		AtomicReference<LuaScriptException> failure = new AtomicReference<>();
		long before = this.creatures.count();
		long id = this.caller.writeThenCall(() -> this.lua.with(LuaOptions.readOnly()).eval("probe:spawn(4)"),
				failure::set);
		assertThat(failure.get()).hasMessageContaining("read-only")
			.hasMessageContaining("read-write")
			.hasMessageContaining("PROPAGATION_REQUIRES_NEW");
		assertThat(this.creatures.existsById(id)).isTrue();
		assertThat(this.creatures.count()).as("the script never ran").isEqualTo(before + 1);
	}

	@Test
	void whenReadOnlyRequiresANewTransactionInsideTheCallersThenItRunsAndItsInsertIsNotCommitted() {
		AtomicReference<LuaScriptException> failure = new AtomicReference<>();
		AtomicReference<Object> spawned = new AtomicReference<>();
		long id = this.caller.writeThenCall(() -> spawned
			.set(this.lua.with(LuaOptions.readOnly().withPropagation(TransactionDefinition.PROPAGATION_REQUIRES_NEW))
				.eval("return probe:spawn(4)")), failure::set);
		assertThat(failure.get()).isNull();
		assertThat(this.creatures.existsById(id)).isTrue();
		assertThat(this.creatures.existsById((Long) spawned.get())).isFalse();
	}

	@Test
	void whenScriptPassesAnIdThenTheEntityIsLoadedAndAMissingOneIsAClearError() {
		long a = spawn(17);
		assertThat(this.lua.eval("return world:get_hp(...)", a)).isEqualTo(17L);
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.lua.eval("local hp = world:get_hp(999999)"))
			.withMessage("eval:1: world.get_hp: arg 1: no Creature with id 999999");
	}

	@Test
	void whenEightThreadsIncrementALockedCounterThenNoUpdateIsLost() throws Exception {
		this.counters.save(new Counter("locked", 0));
		String script = "local v = world:counter_locked('locked') world:set_counter('locked', v + 1)";
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new java.util.ArrayList<>();
			for (int t = 0; t < 8; t++) {
				done.add(threads.submit(() -> {
					for (int i = 0; i < 200; i++) {
						this.lua.eval(script);
					}
				}));
			}
			for (Future<?> future : done) {
				future.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.counters.findById("locked").orElseThrow().getValue()).isEqualTo(1600);
	}

	@Test
	void whenTwoInvocationsReadAnUnlockedCounterBeforeEitherWritesThenAnUpdateIsLost() throws Exception {
		// What the lock prevents, forced deterministically: both read 0, both write 1.
		this.counters.save(new Counter("unlocked", 0));
		this.probe.expect(2);
		String script = "local v = world:counter('unlocked') probe:await() world:set_counter('unlocked', v + 1)";
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> first = threads.submit(() -> this.lua.eval(script));
			Future<?> second = threads.submit(() -> this.lua.eval(script));
			first.get(30, TimeUnit.SECONDS);
			second.get(30, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
			this.probe.expect(1);
		}
		assertThat(this.counters.findById("unlocked").orElseThrow().getValue()).isEqualTo(1);
	}

	private long spawn(int hp) {
		return this.creatures.save(new Creature("test", "knight", Faction.HEROES, hp, 0, 0)).getId();
	}

	private int hp(long id) {
		return this.creatures.findById(id).orElseThrow().getHp();
	}

}
