package dev.luayield.protocol;

import dev.luayield.LuaTrace;
import dev.luayield.engine.LuaVm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one invocation knows about itself while the resume loop drives it: its script, how
 * many endpoint calls it has made, and the Java exception behind the last endpoint error
 * it was sent.
 */
public final class Invocation {

	final String scriptName;

	final String chunkDisplayName;

	final long maxCalls;

	public final long timeoutNanos;

	/**
	 * When the time limit runs out, by {@link System#nanoTime()}; meaningless without
	 * one.
	 */
	long deadlineNanos;

	/** Whether a request came in after the deadline: the invocation ends as a timeout. */
	public boolean expired;

	/**
	 * Whether the watchdog tells when the deadline passes, so no clock is read per call.
	 */
	boolean watched;

	long calls;

	public Throwable lastEndpointFailure;

	public String lastEndpointMessage;

	public Error fatal;

	boolean callFailed;

	public LuaTrace trace;

	public LuaVm vm;

	public Invocation(String scriptName, String chunkDisplayName, long maxCalls, long timeoutNanos) {
		this.scriptName = scriptName;
		this.chunkDisplayName = chunkDisplayName;
		this.maxCalls = maxCalls;
		this.timeoutNanos = timeoutNanos;
	}

	/**
	 * Logs what the script printed, to the logger {@code lua.<script>} (slashes become
	 * dots), so that applications route script output like any other log: one event per
	 * line, with control characters escaped, so that no script can write what looks like
	 * another logger's line or a terminal escape.
	 */
	void print(String text) {
		Logger logger = LoggerFactory.getLogger("lua." + this.scriptName.replace('/', '.'));
		if (!logger.isInfoEnabled()) {
			return;
		}
		int start = 0;
		while (true) {
			int end = text.indexOf('\n', start);
			logger.info(escapeControlCharacters((end < 0) ? text.substring(start) : text.substring(start, end)));
			if (end < 0) {
				return;
			}
			start = end + 1;
		}
	}

	static String escapeControlCharacters(String line) {
		StringBuilder escaped = null;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			boolean control = (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
			if (control && escaped == null) {
				escaped = new StringBuilder(line.length() + 8).append(line, 0, i);
			}
			if (escaped != null) {
				if (!control) {
					escaped.append(c);
				}
				else if (c == '\r') {
					escaped.append("\\r");
				}
				else {
					escaped.append((c < 0x100) ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
				}
			}
		}
		return (escaped != null) ? escaped.toString() : line;
	}

}
