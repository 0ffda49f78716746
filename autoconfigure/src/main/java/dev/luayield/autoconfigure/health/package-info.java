/**
 * Auto-configuration for the pool's health indicator.
 */
@NullMarked
package dev.luayield.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
