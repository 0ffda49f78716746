package dev.luayield.autoconfigure.health;

import dev.luayield.autoconfigure.LuaYieldAutoConfiguration;
import dev.luayield.health.LuaPoolHealthIndicator;
import dev.luayield.pool.LuaThreadPool;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the pool's health indicator ({@code lua}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = LuaYieldAutoConfiguration.class)
@ConditionalOnClass(AbstractHealthIndicator.class)
@ConditionalOnBean(LuaThreadPool.class)
@ConditionalOnEnabledHealthIndicator("lua")
public final class LuaHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "luaHealthIndicator")
	LuaPoolHealthIndicator luaHealthIndicator(LuaThreadPool pool) {
		return new LuaPoolHealthIndicator(pool);
	}

}
