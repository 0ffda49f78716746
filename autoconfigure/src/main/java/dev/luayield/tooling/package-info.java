/**
 * Tools for script authors: definition files for the Lua language server.
 */
@NullMarked
package dev.luayield.tooling;

import org.jspecify.annotations.NullMarked;
