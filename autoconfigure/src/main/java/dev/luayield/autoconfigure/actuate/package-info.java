/**
 * Auto-configuration for the {@code lua} actuator endpoint.
 */
package dev.luayield.autoconfigure.actuate;
