/**
 * The coroutine protocol: the one resume loop that serves a script's requests, and the
 * invocation it drives.
 */
@NullMarked
package dev.luayield.protocol;

import org.jspecify.annotations.NullMarked;
