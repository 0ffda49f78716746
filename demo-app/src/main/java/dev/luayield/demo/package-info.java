/**
 * The LuaYield demo: a roguelike world whose rules are Lua scripts.
 */
package dev.luayield.demo;
