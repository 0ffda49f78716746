/**
 * Micrometer meters for the pool of Lua states.
 */
package dev.luayield.metrics;
