/**
 * Replays of recorded traces, with no Spring context and no database.
 */
@NullMarked
package dev.luayield.replay;

import org.jspecify.annotations.NullMarked;
