/**
 * Auto-configuration for running Lua invocations in transactions.
 */
package dev.luayield.autoconfigure.transaction;
