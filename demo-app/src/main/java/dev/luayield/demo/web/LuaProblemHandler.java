package dev.luayield.demo.web;

import dev.luayield.LuaPoolExhaustedException;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptNotFoundException;
import dev.luayield.LuaTimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns script failures into RFC 9457 problem details that carry the Lua message: 400 for
 * a script error (usually caused by bad input), 504 for a script that ran out of time,
 * 503 when no Lua state was free, 404 for a script that does not exist.
 */
@RestControllerAdvice
public class LuaProblemHandler {

	@ExceptionHandler(LuaTimeoutException.class)
	ProblemDetail timeout(LuaTimeoutException ex) {
		return problem(HttpStatus.GATEWAY_TIMEOUT, "Lua script timed out", ex);
	}

	@ExceptionHandler(LuaPoolExhaustedException.class)
	ProblemDetail exhausted(LuaPoolExhaustedException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "No Lua state free", ex);
	}

	@ExceptionHandler(LuaScriptNotFoundException.class)
	ProblemDetail notFound(LuaScriptNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "No such Lua script", ex);
	}

	@ExceptionHandler(LuaScriptException.class)
	ProblemDetail failed(LuaScriptException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Lua script failed", ex);
	}

	private static ProblemDetail problem(HttpStatus status, String title, LuaScriptException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(title);
		problem.setProperty("script", ex.getScriptName());
		if (ex.getLine() > 0) {
			problem.setProperty("line", ex.getLine());
		}
		return problem;
	}

}
