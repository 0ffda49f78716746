/**
 * Auto-configuration for Spring Data: entities as endpoint parameters.
 */
@NullMarked
package dev.luayield.autoconfigure.data;

import org.jspecify.annotations.NullMarked;
