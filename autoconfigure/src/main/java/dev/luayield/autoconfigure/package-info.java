/**
 * Auto-configuration for LuaYield.
 */
@NullMarked
package dev.luayield.autoconfigure;

import org.jspecify.annotations.NullMarked;
