/**
 * JMH benchmarks of the coroutine protocol against the other ways of calling Java from
 * Lua, and the chart drawn from their results.
 */
package dev.luayield.benchmarks;
