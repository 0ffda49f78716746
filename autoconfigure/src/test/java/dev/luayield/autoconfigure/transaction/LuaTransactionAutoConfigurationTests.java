package dev.luayield.autoconfigure.transaction;

import dev.luayield.InvocationInterceptor;
import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import dev.luayield.transaction.TransactionalInvocationInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LuaTransactionAutoConfiguration}: the conditions, and each promise of
 * transactional execution against a real (embedded) database.
 */
class LuaTransactionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				TransactionAutoConfiguration.class, LuaTransactionAutoConfiguration.class,
				LuaYieldAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true")
		.withUserConfiguration(LedgerConfiguration.class);

	@Test
	void whenTransactionManagerExistsThenInvocationsAreTransactional() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TransactionalInvocationInterceptor.class);
			assertThat(runner(context).eval("return ledger:in_transaction()")).isEqualTo(true);
		});
	}

	@Test
	void whenDisabledThenNoTransactionIsOpened() {
		this.contextRunner.withPropertyValues("lua.transaction.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TransactionalInvocationInterceptor.class);
			assertThat(runner(context).eval("return ledger:in_transaction()")).isEqualTo(false);
		});
	}

	@Test
	void whenThereIsNoTransactionManagerThenAutoConfigurationBacksOff() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LuaTransactionAutoConfiguration.class, LuaYieldAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TransactionalInvocationInterceptor.class)
				.hasSingleBean(LuaScriptRunner.class));
	}

	@Test
	void whenUserDefinesTheirOwnTransactionalInterceptorThenAutoConfigurationBacksOff() {
		this.contextRunner.withUserConfiguration(CustomInterceptorConfiguration.class)
			.run((context) -> assertThat(context).getBeans(TransactionalInvocationInterceptor.class)
				.containsOnlyKeys("custom"));
	}

	@Test
	void whenUserAddsAnotherInterceptorThenBothWrapEachInvocation() {
		java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.contextRunner.withBean("auditing", InvocationInterceptor.class, () -> (script, options, invocation) -> {
			seen.add(script);
			return invocation.get();
		}).run((context) -> {
			assertThat(runner(context).eval("return ledger:in_transaction()")).isEqualTo(true);
			assertThat(seen).containsExactly("eval");
		});
	}

	@Test
	void whenScriptSucceedsThenAllItsChangesAreCommitted() {
		this.contextRunner.run((context) -> {
			runner(context).eval("ledger:add('a') ledger:add('b')");
			assertThat(rows(context)).isEqualTo(2);
		});
	}

	@Test
	void whenScriptFailsLateThenAllItsChangesAreRolledBack() {
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(LuaScriptException.class)
				.isThrownBy(() -> runner(context).eval("ledger:add('a') ledger:add('b')\nerror('late failure')"))
				.withMessage("eval:2: late failure");
			assertThat(rows(context)).isZero();
		});
	}

	@Test
	void whenUncaughtEndpointExceptionEndsScriptThenChangesAreRolledBack() {
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(LuaScriptException.class)
				.isThrownBy(() -> runner(context).eval("ledger:add('a') ledger:fail('nope')"))
				.withCauseInstanceOf(IllegalStateException.class);
			assertThat(rows(context)).isZero();
		});
	}

	@Test
	void whenCallerHasATransactionThenScriptJoinsItAndRollsBackWithIt() {
		this.contextRunner.run((context) -> {
			TransactionTemplate caller = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			caller.executeWithoutResult((status) -> {
				runner(context).eval("ledger:add('a')");
				assertThat(rows(context)).as("visible inside the caller's transaction").isEqualTo(1);
				status.setRollbackOnly();
			});
			assertThat(rows(context)).isZero();
		});
	}

	@Test
	void whenScriptCatchesAPlainEndpointErrorThenItCommits() {
		this.contextRunner.run((context) -> {
			runner(context).eval("ledger:add('a') pcall(ledger.fail, ledger, 'ignored') ledger:add('b')");
			assertThat(rows(context)).isEqualTo(2);
		});
	}

	@Test
	void whenEndpointMarkedTheTransactionRollbackOnlyThenCallerIsToldPlainly() {
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(LuaScriptException.class)
				.isThrownBy(() -> runner(context)
					.eval("ledger:add('a') local ok = pcall(ledger.add_or_fail, ledger, 'x') return ok"))
				.withMessageContaining("marked rollback-only")
				.withMessageContaining("none of its changes were committed");
			assertThat(rows(context)).isZero();
		});
	}

	@Test
	void whenOptionsAskForReadOnlyThenTheTransactionIsReadOnly() {
		this.contextRunner.run((context) -> {
			LuaScriptRunner runner = runner(context);
			assertThat(runner.eval("return ledger:read_only()")).isEqualTo(false);
			assertThat(runner.with(LuaOptions.readOnly()).eval("return ledger:read_only()")).isEqualTo(true);
		});
	}

	@Test
	void whenPropertiesSetDefaultsThenTransactionsFollowThem() {
		this.contextRunner
			.withPropertyValues("lua.transaction.read-only=true", "lua.transaction.isolation=serializable",
					"lua.transaction.timeout=30s")
			.run((context) -> {
				assertThat(runner(context).eval("return ledger:read_only()")).isEqualTo(true);
				assertThat(runner(context).eval("return ledger:isolation()"))
					.isEqualTo((long) TransactionDefinition.ISOLATION_SERIALIZABLE);
			});
	}

	@Test
	void whenOptionsAskForANewTransactionThenScriptCommitsOnItsOwn() {
		this.contextRunner.run((context) -> {
			TransactionTemplate caller = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			caller.executeWithoutResult((status) -> {
				runner(context)
					.with(LuaOptions.defaults().withPropagation(TransactionDefinition.PROPAGATION_REQUIRES_NEW))
					.eval("ledger:add('independent')");
				status.setRollbackOnly();
			});
			assertThat(rows(context)).isEqualTo(1);
		});
	}

	@Test
	void whenManagerIsNamedThenThatManagerIsUsed() {
		this.contextRunner.withPropertyValues("lua.transaction.manager=transactionManager")
			.run((context) -> assertThat(runner(context).eval("return ledger:in_transaction()")).isEqualTo(true));
	}

	private static LuaScriptRunner runner(AssertableApplicationContext context) {
		return context.getBean(LuaScriptRunner.class);
	}

	private static int rows(AssertableApplicationContext context) {
		return context.getBean(JdbcTemplate.class).queryForObject("select count(*) from entry", Integer.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomInterceptorConfiguration {

		@Bean
		TransactionalInvocationInterceptor custom(PlatformTransactionManager transactionManager) {
			return new TransactionalInvocationInterceptor(transactionManager,
					TransactionalInvocationInterceptor.Defaults.standard());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class LedgerConfiguration {

		@Bean
		Ledger ledger(JdbcTemplate jdbc) {
			jdbc.execute("create table if not exists entry (name varchar(64))");
			return new Ledger(jdbc);
		}

	}

	@LuaEndpoint
	static class Ledger {

		private final JdbcTemplate jdbc;

		Ledger(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		public void add(String name) {
			this.jdbc.update("insert into entry (name) values (?)", name);
		}

		@Transactional
		public void addOrFail(String name) {
			add(name);
			throw new IllegalStateException("failed after adding " + name);
		}

		public void fail(String message) {
			throw new IllegalStateException(message);
		}

		public boolean inTransaction() {
			return TransactionSynchronizationManager.isActualTransactionActive();
		}

		public boolean readOnly() {
			return TransactionSynchronizationManager.isCurrentTransactionReadOnly();
		}

		public int isolation() {
			Integer level = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
			return (level != null) ? level : TransactionDefinition.ISOLATION_DEFAULT;
		}

	}

}
