package dev.luayield.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start that failed because LuaJIT's native library is not on the classpath,
 * which LuaJava reports as a bare {@link LinkageError}.
 */
class LuaJitNativesFailureAnalyzer extends AbstractFailureAnalyzer<LinkageError> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LinkageError cause) {
		if (!isLuaJavaNativesFailure(cause)) {
			return null;
		}
		return new FailureAnalysis(
				"LuaYield could not load LuaJIT's native library: " + cause.getMessage()
						+ ((cause.getCause() != null) ? " (" + cause.getCause().getMessage() + ")" : ""),
				"Add the LuaJIT natives for your platform to the classpath, for example the dependency "
						+ "party.iroiro.luajava:luajit-platform:4.0.2 with classifier natives-desktop "
						+ "(the LuaYield starter brings it; check that it was not excluded).",
				cause);
	}

	private static boolean isLuaJavaNativesFailure(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			String message = String.valueOf(current.getMessage());
			if (message.contains("Unable to find natives") || message.contains("luajit")
					|| current.getClass().getName().contains("SharedLibraryLoad")) {
				return true;
			}
			for (StackTraceElement element : current.getStackTrace()) {
				if (element.getClassName().startsWith("party.iroiro.luajava")) {
					return true;
				}
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

}
