/**
 * Health of the pool of Lua states.
 */
package dev.luayield.health;
