/**
 * The {@link dev.luayield.LuaScriptRunner} itself: borrows a state, compiles, runs
 * through the protocol inside the interceptors, and converts the outcome.
 */
@NullMarked
package dev.luayield.runner;

import org.jspecify.annotations.NullMarked;
