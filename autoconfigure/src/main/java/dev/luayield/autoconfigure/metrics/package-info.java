/**
 * Auto-configuration for the pool's metrics.
 */
@NullMarked
package dev.luayield.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
