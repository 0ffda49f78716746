package dev.luayield.health;

import java.time.Duration;

import dev.luayield.pool.LuaThreadPool;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the pool of Lua states. A busy pool is UP: a saturated pool (every state in
 * use) still serves each invocation in turn, and taking the instance out of a load
 * balancer for it would only move the load. The saturation shows in the details
 * ({@code saturated}, {@code waiters}, {@code lastExhausted}). The pool is DOWN only when
 * no state can be created: the last attempt failed, and so does a new one made for the
 * check while the pool has room.
 *
 * @since 0.1.0
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
		Throwable creationFailure = creationFailure();
		if (creationFailure != null) {
			builder.down(creationFailure);
		}
		else {
			builder.up();
		}
		Duration sinceExhausted = this.pool.timeSinceLastExhaustion();
		int active = this.pool.getNumActive();
		int idle = this.pool.getNumIdle();
		builder.withDetail("active", active)
			.withDetail("idle", idle)
			.withDetail("maxTotal", this.pool.getMaxTotal())
			.withDetail("saturated", idle == 0 && active >= this.pool.getMaxTotal())
			.withDetail("waiters", this.pool.getNumWaiters())
			.withDetail("created", this.pool.getCreatedCount())
			.withDetail("destroyed", this.pool.getDestroyedCount())
			.withDetail("maxWait", this.pool.getMaxWaitDuration().toString());
		if (sinceExhausted != null) {
			builder.withDetail("lastExhausted", sinceExhausted.toMillis() + " ms ago");
		}
	}

	private Throwable creationFailure() {
		if (this.pool.getLastCreationFailure() == null) {
			return null;
		}
		// Only a pool that still has room needs new states; one
		// that does not keeps serving with the states it has.
		if (this.pool.getNumActive() + this.pool.getNumIdle() >= this.pool.getMaxTotal()) {
			return null;
		}
		try {
			this.pool.addObject();
			return null;
		}
		catch (Exception | LinkageError ex) {
			return ex;
		}
	}

}
