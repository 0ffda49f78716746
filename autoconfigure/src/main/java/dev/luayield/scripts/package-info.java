/**
 * Named scripts: where they come from, which version is current, and the last version
 * that compiled.
 */
@NullMarked
package dev.luayield.scripts;

import org.jspecify.annotations.NullMarked;
