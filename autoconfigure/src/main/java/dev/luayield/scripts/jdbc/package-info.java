/**
 * Named scripts kept in a database table, so that operators can change them while the
 * application runs and every instance picks the change up.
 */
@NullMarked
package dev.luayield.scripts.jdbc;

import org.jspecify.annotations.NullMarked;
