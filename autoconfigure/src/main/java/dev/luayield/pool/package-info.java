/**
 * The commons-pool2 pool of Lua states.
 */
@NullMarked
package dev.luayield.pool;

import org.jspecify.annotations.NullMarked;
