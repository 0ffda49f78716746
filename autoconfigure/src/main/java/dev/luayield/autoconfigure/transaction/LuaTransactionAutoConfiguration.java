package dev.luayield.autoconfigure.transaction;

import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import dev.luayield.transaction.TransactionalInvocationInterceptor;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that runs every Lua invocation in a transaction when the
 * application has a {@link PlatformTransactionManager}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = LuaYieldAutoConfiguration.class,
		afterName = { "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
@ConditionalOnClass(PlatformTransactionManager.class)
@ConditionalOnBean(PlatformTransactionManager.class)
@ConditionalOnBooleanProperty(name = "lua.transaction.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LuaTransactionProperties.class)
public final class LuaTransactionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TransactionalInvocationInterceptor luaTransactionalInvocationInterceptor(LuaTransactionProperties properties,
			BeanFactory beanFactory, ObjectProvider<PlatformTransactionManager> transactionManagers) {
		PlatformTransactionManager transactionManager = (properties.getManager() != null)
				? beanFactory.getBean(properties.getManager(), PlatformTransactionManager.class)
				: transactionManagers.getObject();
		return new TransactionalInvocationInterceptor(transactionManager,
				new TransactionalInvocationInterceptor.Defaults(properties.isReadOnly(),
						properties.getIsolation().value(), properties.getTimeout(),
						properties.getPropagation().value()));
	}

}
