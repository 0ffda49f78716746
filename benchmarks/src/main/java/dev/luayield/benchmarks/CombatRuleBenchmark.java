package dev.luayield.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.luayield.LuaScriptRunner;
import dev.luayield.benchmarks.combat.JavaCombatRule;
import dev.luayield.demo.DemoApplication;
import dev.luayield.demo.world.Creature;
import dev.luayield.demo.world.CreatureRepository;
import dev.luayield.demo.world.Faction;
import dev.luayield.demo.world.Item;
import dev.luayield.demo.world.ItemRepository;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What scripting costs a real application: the demo's combat rule ({@code combat/on_hit},
 * which requires {@code combat/hit}) run through {@link LuaScriptRunner}, against the
 * same rule written in Java ({@link JavaCombatRule}) over the same repositories. Both run
 * in the demo itself (started with the web off, on its embedded H2 database, observations
 * and all), one transaction per hit: two creature loads, dice, damage, one or two log
 * lines written.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class CombatRuleBenchmark {

	/**
	 * Whether LuaYield's observations ({@code lua.script}, {@code lua.endpoint.call}) are
	 * on, as in the demo: the Java rule has none, so {@code false} compares like with
	 * like.
	 */
	@Param({ "true", "false" })
	public boolean observed;

	private ConfigurableApplicationContext context;

	private LuaScriptRunner lua;

	private JavaCombatRule java;

	private long attacker;

	private long target;

	@Setup(Level.Trial)
	public void setUp() {
		this.context = new SpringApplicationBuilder(DemoApplication.class, JavaCombatRule.class)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:h2:mem:combat-bench;DB_CLOSE_DELAY=-1",
					// The benchmarks' own scripts share
					// classpath:/lua/; only the demo's run here.
					"lua.scripts.validate=false", "management.observations.enable.lua=" + this.observed)
			.run();
		this.lua = this.context.getBean(LuaScriptRunner.class);
		this.java = this.context.getBean(JavaCombatRule.class);
		CreatureRepository creatures = this.context.getBean(CreatureRepository.class);
		Creature attacker = creatures.save(new Creature("Bench", "knight", Faction.HEROES, 40, 0, 0));
		this.context.getBean(ItemRepository.class).save(new Item("longsword", 5, attacker));
		// Hit points enough for every hit of a long run: the target never dies.
		Creature target = creatures.save(new Creature("Dummy", "goblin", Faction.GOBLINS, Integer.MAX_VALUE, 1, 0));
		this.attacker = attacker.getId();
		this.target = target.getId();
		Object lua = luaRule();
		Object java = javaRule();
		if (!(lua instanceof Map<?, ?> luaOutcome) || !luaOutcome.containsKey("hit")
				|| !(java instanceof Map<?, ?> javaOutcome) || !javaOutcome.containsKey("hit")) {
			throw new IllegalStateException("the rules disagree: " + lua + " and " + java);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
	}

	@Benchmark
	public Object luaRule() {
		return this.lua.run("combat/on_hit", this.attacker, this.target);
	}

	@Benchmark
	public Object javaRule() {
		return this.java.hit(this.attacker, this.target);
	}

}
