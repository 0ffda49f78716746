/**
 * Auto-configuration for the {@code lua} actuator endpoint.
 */
@NullMarked
package dev.luayield.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
