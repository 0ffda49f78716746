/**
 * Testing scripts: the {@link dev.luayield.test.LuaTest @LuaTest} slice, which starts
 * LuaYield and the application's endpoints only, and
 * {@link dev.luayield.test.LuaTraceAssert} for what a script called. Test-only: its
 * dependencies (spring-boot-test, JUnit, AssertJ) are optional, and nothing in the
 * runtime refers to it.
 */
@NullMarked
package dev.luayield.test;

import org.jspecify.annotations.NullMarked;
