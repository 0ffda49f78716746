/**
 * Annotations that expose Spring beans to Lua scripts.
 */
@NullMarked
package dev.luayield.annotation;

import org.jspecify.annotations.NullMarked;
