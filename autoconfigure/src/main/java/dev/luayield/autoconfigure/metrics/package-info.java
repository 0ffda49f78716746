/**
 * Auto-configuration for the pool's metrics.
 */
package dev.luayield.autoconfigure.metrics;
