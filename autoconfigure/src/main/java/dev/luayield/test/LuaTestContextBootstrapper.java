package dev.luayield.test;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;
import org.springframework.test.context.TestContextBootstrapper;

/**
 * {@link TestContextBootstrapper} for {@link LuaTest @LuaTest}: adds its
 * {@link LuaTest#properties() properties} to the test's environment.
 */
class LuaTestContextBootstrapper extends TestSliceTestContextBootstrapper<LuaTest> {

}
