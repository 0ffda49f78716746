/**
 * Micrometer Observation support: one observation per invocation ({@code lua.script}) and
 * one per endpoint call ({@code lua.endpoint.call}).
 */
@NullMarked
package dev.luayield.observation;

import org.jspecify.annotations.NullMarked;
