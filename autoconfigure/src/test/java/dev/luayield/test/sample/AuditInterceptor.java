package dev.luayield.test.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.luayield.InvocationInterceptor;
import dev.luayield.LuaOptions;
import dev.luayield.ScriptInvocation;

import org.springframework.stereotype.Component;

/**
 * Records every script that runs: it shapes each invocation, so {@code @LuaTest} keeps
 * it.
 */
@Component
public class AuditInterceptor implements InvocationInterceptor {

	private final List<String> scripts = new CopyOnWriteArrayList<>();

	@Override
	public Object intercept(String scriptName, LuaOptions options, ScriptInvocation invocation) {
		this.scripts.add(scriptName);
		return invocation.get();
	}

	public List<String> scripts() {
		return this.scripts;
	}

}
