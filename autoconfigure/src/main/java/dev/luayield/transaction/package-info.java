/**
 * Spring transaction support: each invocation as one unit of work.
 */
@NullMarked
package dev.luayield.transaction;

import org.jspecify.annotations.NullMarked;
