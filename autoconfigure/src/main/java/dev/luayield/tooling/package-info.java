/**
 * Tools for script authors: definition files for the Lua language server.
 */
package dev.luayield.tooling;
