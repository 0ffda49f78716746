package dev.luayield.protocol;

import org.jspecify.annotations.Nullable;

/**
 * How an invocation ended, decided in Java by the {@link ResumeLoop} from what the
 * runtime knows: the trampoline's outcome code, the native shim's flags, the watchdog,
 * and the failures the loop itself sent. No message text decides which one it is.
 *
 * @since 0.1.0
 */
public sealed interface Outcome {

	/** The chunk returned; its results are on the coroutine's stack from index 2. */
	Outcome COMPLETED = new Completed();

	/**
	 * Returns the message that describes the outcome.
	 * @return the message, or {@code null} when the chunk completed
	 */
	@Nullable String message();

	/** The chunk returned. */
	record Completed() implements Outcome {

		@Override
		public @Nullable String message() {
			return null;
		}

	}

	/**
	 * The chunk raised an error of its own, or one the sandbox raised for it.
	 *
	 * @param message the error, with the script's position where Lua gave one
	 */
	record ScriptError(String message) implements Outcome {
	}

	/**
	 * The chunk ended with the error a failed endpoint call raised, unchanged.
	 *
	 * @param message the error, with the script's position
	 * @param cause the endpoint method's exception
	 */
	record EndpointFailure(String message, Throwable cause) implements Outcome {
	}

	/**
	 * The time limit ended the invocation.
	 *
	 * @param message what the script was told, with its position where there was one
	 */
	record Timeout(String message) implements Outcome {
	}

	/**
	 * The memory limit ended the invocation.
	 *
	 * @param message the error, with the script's position where there was one
	 */
	record MemoryLimit(String message) implements Outcome {
	}

	/**
	 * A Java {@link Error} in an endpoint ended the invocation: the script was not
	 * resumed to see it.
	 *
	 * @param message the endpoint and the error
	 * @param error the error
	 */
	record Fatal(String message, Error error) implements Outcome {
	}

}
