/**
 * LuaYield's public API: {@link dev.luayield.LuaScriptRunner} and the exceptions it throws.
 */
package dev.luayield;
