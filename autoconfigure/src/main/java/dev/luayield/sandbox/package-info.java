/**
 * What a script may see and do: the sandbox's settings and naming rules. The Lua side of
 * the sandbox lives beside these classes as resources
 * ({@code dev/luayield/sandbox/*.lua}).
 */
@NullMarked
package dev.luayield.sandbox;

import org.jspecify.annotations.NullMarked;
