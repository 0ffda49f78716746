/**
 * Failure analyzers for the ways a LuaYield application fails to start.
 */
package dev.luayield.autoconfigure.diagnostics;
