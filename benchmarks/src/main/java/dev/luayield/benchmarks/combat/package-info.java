/**
 * The demo's combat rule written in Java, for {@code CombatRuleBenchmark}.
 */
package dev.luayield.benchmarks.combat;
