package dev.luayield.benchmarks;

import java.util.function.Supplier;

import dev.luayield.LuaOptions;
import dev.luayield.runtime.InvocationInterceptor;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A benchmark-only stand-in for LuaYield's transactional interceptor: runs each whole
 * invocation in a {@link TransactionTemplate} with default settings, which is what a
 * transaction costs at the least.
 */
final class TransactionTemplateInterceptor implements InvocationInterceptor {

	private final TransactionTemplate template;

	TransactionTemplateInterceptor(PlatformTransactionManager transactionManager) {
		this.template = new TransactionTemplate(transactionManager);
	}

	@Override
	public Object intercept(String scriptName, LuaOptions options, Supplier<Object> invocation) {
		return this.template.execute((status) -> invocation.get());
	}

}
