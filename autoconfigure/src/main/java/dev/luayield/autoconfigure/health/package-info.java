/**
 * Auto-configuration for the pool's health indicator.
 */
package dev.luayield.autoconfigure.health;
