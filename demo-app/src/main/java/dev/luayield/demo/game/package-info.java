/**
 * The game: endpoints scripts call, and the service that runs them.
 */
package dev.luayield.demo.game;
