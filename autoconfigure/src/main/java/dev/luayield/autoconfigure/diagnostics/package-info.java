/**
 * Failure analyzers for the ways a LuaYield application fails to start.
 */
@NullMarked
package dev.luayield.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
