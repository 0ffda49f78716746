/**
 * One LuaJIT state and its stack, as the protocol needs them: the prelude and its
 * coroutine, the scratch thread for conversions, and the native shim that bounds memory
 * and time. Nothing here knows about endpoints or Spring.
 */
@NullMarked
package dev.luayield.engine;

import org.jspecify.annotations.NullMarked;
