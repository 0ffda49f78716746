/**
 * Annotations that expose Spring beans to Lua scripts.
 */
package dev.luayield.annotation;
