/**
 * Health of the pool of Lua states.
 */
@NullMarked
package dev.luayield.health;

import org.jspecify.annotations.NullMarked;
