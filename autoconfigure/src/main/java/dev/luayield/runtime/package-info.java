/**
 * The coroutine protocol: Lua states and their prelude, the dispatch table, value
 * conversion and the {@link dev.luayield.runtime.ResumeLoop resume loop}. No Spring Boot
 * here; the auto-configuration only wires these together.
 */
package dev.luayield.runtime;
