/**
 * Auto-configuration for running Lua invocations in transactions.
 */
@NullMarked
package dev.luayield.autoconfigure.transaction;

import org.jspecify.annotations.NullMarked;
