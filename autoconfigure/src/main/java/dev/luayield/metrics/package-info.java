/**
 * Micrometer meters for the pool of Lua states.
 */
@NullMarked
package dev.luayield.metrics;

import org.jspecify.annotations.NullMarked;
