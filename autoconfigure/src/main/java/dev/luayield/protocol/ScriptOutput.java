package dev.luayield.protocol;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a script's {@code print} goes: the logger {@code lua.<script>} (slashes become
 * dots), so that applications route script output like any other log.
 */
final class ScriptOutput {

	private ScriptOutput() {
	}

	/**
	 * Logs what a script printed: one event per line, with control characters escaped, so
	 * that no script can write what looks like another logger's line or a terminal
	 * escape.
	 */
	static void print(String scriptName, String text) {
		Logger logger = LoggerFactory.getLogger("lua." + scriptName.replace('/', '.'));
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
