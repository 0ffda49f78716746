/**
 * The {@code lua} actuator endpoint.
 */
package dev.luayield.actuate;
