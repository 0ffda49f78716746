/**
 * Auto-configuration for Micrometer observations of invocations and endpoint calls.
 */
@NullMarked
package dev.luayield.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
