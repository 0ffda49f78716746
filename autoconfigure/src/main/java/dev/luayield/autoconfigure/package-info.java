/**
 * Auto-configuration for LuaYield.
 */
package dev.luayield.autoconfigure;
