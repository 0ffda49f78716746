package dev.luayield.runtime;

import dev.luayield.LuaTrace;
import org.slf4j.LoggerFactory;

/**
 * What one invocation knows about itself while the resume loop drives it: its script, how
 * many endpoint calls it has made, and the Java exception behind the last endpoint error
 * it was sent.
 */
final class Invocation {

	final String scriptName;

	final String chunkDisplayName;

	final long maxCalls;

	final long timeoutNanos;

	long calls;

	Throwable lastEndpointFailure;

	String lastEndpointMessage;

	Error fatal;

	boolean callFailed;

	LuaTrace trace;

	LuaVm vm;

	Invocation(String scriptName, String chunkDisplayName, long maxCalls, long timeoutNanos) {
		this.scriptName = scriptName;
		this.chunkDisplayName = chunkDisplayName;
		this.maxCalls = maxCalls;
		this.timeoutNanos = timeoutNanos;
	}

	/**
	 * Logs what the script printed, to the logger {@code lua.<script>} (slashes become
	 * dots), so that applications route script output like any other log.
	 */
	void print(String text) {
		LoggerFactory.getLogger("lua." + this.scriptName.replace('/', '.')).info(text);
	}

}
