/**
 * Micrometer Observation support: one observation per invocation ({@code lua.script}) and
 * one per endpoint call ({@code lua.endpoint.call}).
 */
package dev.luayield.observation;
