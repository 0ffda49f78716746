/**
 * LuaYield's public API: {@link dev.luayield.LuaScriptRunner} and the exceptions it
 * throws.
 */
@NullMarked
package dev.luayield;

import org.jspecify.annotations.NullMarked;
