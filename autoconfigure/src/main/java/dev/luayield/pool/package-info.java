/**
 * The commons-pool2 pool of Lua states.
 */
package dev.luayield.pool;
