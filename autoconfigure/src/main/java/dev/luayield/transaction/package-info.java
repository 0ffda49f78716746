/**
 * Spring transaction support: each invocation as one unit of work.
 */
package dev.luayield.transaction;
