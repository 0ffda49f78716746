/**
 * The world's entities and repositories.
 */
package dev.luayield.demo.world;
