package dev.luayield.protocol;

import dev.luayield.LuaTrace;
import dev.luayield.engine.LuaVm;
import dev.luayield.sandbox.Grant;
import dev.luayield.sandbox.LimitMessages;
import org.jspecify.annotations.Nullable;

/**
 * One invocation as the {@link ResumeLoop} is asked to run it: which chunk, on which
 * state, with which arguments and limits. Immutable: what changes while it runs is the
 * loop's own business, and what comes out is an {@link Outcome}.
 *
 * @param scriptName the script's name, as callers and logs know it
 * @param chunkDisplayName the chunk's name in Lua's messages ({@code combat/hit.lua})
 * @param vm the state, borrowed for the invocation
 * @param chunk the compiled chunk's registry reference
 * @param arguments the script's arguments
 * @param maxCalls how many endpoint calls it may make
 * @param timeoutNanos its time limit, or 0 for none
 * @param trace where its calls are recorded, or {@code null}
 * @param grant what it may call, or {@code null} for every endpoint
 * @since 0.1.0
 */
public record Invocation(String scriptName, String chunkDisplayName, LuaVm vm, int chunk, Object[] arguments,
		long maxCalls, long timeoutNanos, @Nullable LuaTrace trace, @Nullable Grant grant) {

	/**
	 * Creates an invocation that may call every endpoint.
	 * @param scriptName the script's name
	 * @param chunkDisplayName the chunk's name in Lua's messages
	 * @param vm the state
	 * @param chunk the compiled chunk's registry reference
	 * @param arguments the script's arguments
	 * @param maxCalls how many endpoint calls it may make
	 * @param timeoutNanos its time limit, or 0 for none
	 * @param trace where its calls are recorded, or {@code null}
	 */
	public Invocation(String scriptName, String chunkDisplayName, LuaVm vm, int chunk, Object[] arguments,
			long maxCalls, long timeoutNanos, @Nullable LuaTrace trace) {
		this(scriptName, chunkDisplayName, vm, chunk, arguments, maxCalls, timeoutNanos, trace, null);
	}

	/**
	 * Returns the message a script gets for a call it makes after its time limit.
	 * @return the message
	 */
	public String timeLimitMessage() {
		return LimitMessages.timeLimit(this.timeoutNanos);
	}

}
