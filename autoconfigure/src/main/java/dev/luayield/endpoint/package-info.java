/**
 * Lua endpoints: discovery of {@code @LuaEndpoint} beans, the dispatch table that gives
 * each exposed method an id, and the methods themselves with their argument readers.
 */
@NullMarked
package dev.luayield.endpoint;

import org.jspecify.annotations.NullMarked;
