package dev.luayield.benchmarks;

import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.luayield.transaction.TransactionalInvocationInterceptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * {@code run} of a script making 10 endpoint calls, with no transaction and inside a JDBC
 * transaction on an in-memory H2 database behind a HikariCP pool.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class TransactionBenchmark {

	private HikariDataSource dataSource;

	private BenchRuntime plain;

	private BenchRuntime transactional;

	@Setup(Level.Trial)
	public void setUp() {
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
		this.dataSource.setMaximumPoolSize(2);
		this.plain = BenchRuntime.of(BenchRuntime.endpoint("api", new BenchApi()));
		this.transactional = BenchRuntime.of(1,
				new TransactionalInvocationInterceptor(new DataSourceTransactionManager(this.dataSource),
						TransactionalInvocationInterceptor.Defaults.standard()),
				BenchRuntime.endpoint("api", new BenchApi()));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.plain.close();
		this.transactional.close();
		this.dataSource.close();
	}

	@Benchmark
	public Object withoutTransaction() {
		return this.plain.runner.run("calls_int", 10);
	}

	@Benchmark
	public Object inTransaction() {
		return this.transactional.runner.run("calls_int", 10);
	}

}
