package dev.luayield.demo.web;

import dev.luayield.LuaPoolExhaustedException;
import dev.luayield.LuaScriptNotFoundException;

import org.springframework.http.ProblemDetail;

/**
 * Reaches the handler's package-private methods from tests in another package.
 */
public class LuaProblemHandlerAccess {

	public ProblemDetail exhausted(LuaPoolExhaustedException ex) {
		return new LuaProblemHandler().exhausted(ex);
	}

	public ProblemDetail notFound(LuaScriptNotFoundException ex) {
		return new LuaProblemHandler().notFound(ex);
	}

}
