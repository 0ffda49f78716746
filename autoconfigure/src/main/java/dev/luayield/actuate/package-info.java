/**
 * The {@code lua} actuator endpoint.
 */
@NullMarked
package dev.luayield.actuate;

import org.jspecify.annotations.NullMarked;
