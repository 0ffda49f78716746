package dev.luayield.health;

import java.time.Duration;

import dev.luayield.pool.LuaThreadPool;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the pool of Lua states: DOWN while invocations are being turned away (a borrower
 * gave up after {@code max-wait} within the last two {@code max-wait} periods and no state
 * is free), UP otherwise, with the pool's counters as details.
 */
public class LuaPoolHealthIndicator extends AbstractHealthIndicator {

	private final LuaThreadPool pool;

	/**
	 * Creates an indicator for a pool.
	 * @param pool the pool
	 */
	public LuaPoolHealthIndicator(LuaThreadPool pool) {
		super("Lua pool health check failed");
		this.pool = pool;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Duration maxWait = this.pool.getMaxWaitDuration();
		Duration sinceExhausted = this.pool.timeSinceLastExhaustion();
		boolean saturated = this.pool.getNumIdle() == 0 && this.pool.getNumActive() >= this.pool.getMaxTotal();
		boolean turningAway = sinceExhausted != null && sinceExhausted.compareTo(maxWait.multipliedBy(2)) < 0;
		if (saturated && turningAway) {
			builder.down();
		}
		else {
			builder.up();
		}
		builder.withDetail("active", this.pool.getNumActive())
			.withDetail("idle", this.pool.getNumIdle())
			.withDetail("maxTotal", this.pool.getMaxTotal())
			.withDetail("waiters", this.pool.getNumWaiters())
			.withDetail("created", this.pool.getCreatedCount())
			.withDetail("destroyed", this.pool.getDestroyedCount())
			.withDetail("maxWait", maxWait.toString());
		if (sinceExhausted != null) {
			builder.withDetail("lastExhausted", sinceExhausted.toMillis() + " ms ago");
		}
	}

}
