/**
 * Auto-configuration for Spring Data: entities as endpoint parameters.
 */
package dev.luayield.autoconfigure.data;
