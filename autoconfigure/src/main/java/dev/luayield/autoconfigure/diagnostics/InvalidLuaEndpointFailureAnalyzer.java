package dev.luayield.autoconfigure.diagnostics;

import dev.luayield.endpoint.InvalidLuaEndpointException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start that failed because a {@code @LuaEndpoint} cannot be exposed as
 * declared.
 */
class InvalidLuaEndpointFailureAnalyzer extends AbstractFailureAnalyzer<InvalidLuaEndpointException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidLuaEndpointException cause) {
		return new FailureAnalysis(cause.getMessage(), "Fix the @LuaEndpoint class "
				+ cause.getEndpointClass().getName()
				+ ": give clashing methods distinct names with @LuaMethod(\"...\"), keep methods out of Lua with"
				+ " @LuaIgnore, give endpoints distinct names with @LuaEndpoint(\"...\"), or change parameter"
				+ " types to ones Lua values convert to (numbers, String, boolean, enums, Optional, List, Map,"
				+ " arrays, records, beans, or types the ConversionService converts from Long or String).", cause);
	}

}
