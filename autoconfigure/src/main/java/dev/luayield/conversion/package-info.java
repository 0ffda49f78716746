/**
 * Values across the boundary: readers that turn Lua values into the Java types an
 * endpoint or a caller asks for, and the writer that turns Java values into Lua ones,
 * through Spring's {@code ConversionService}.
 */
@NullMarked
package dev.luayield.conversion;

import org.jspecify.annotations.NullMarked;
