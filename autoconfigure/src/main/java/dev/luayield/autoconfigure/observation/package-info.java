/**
 * Auto-configuration for Micrometer observations of invocations and endpoint calls.
 */
package dev.luayield.autoconfigure.observation;
