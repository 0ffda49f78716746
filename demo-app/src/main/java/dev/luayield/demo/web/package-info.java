/**
 * The game's HTTP API.
 */
package dev.luayield.demo.web;
