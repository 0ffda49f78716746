/**
 * Auto-configuration for named scripts kept in a database table.
 */
@NullMarked
package dev.luayield.autoconfigure.jdbc;

import org.jspecify.annotations.NullMarked;
