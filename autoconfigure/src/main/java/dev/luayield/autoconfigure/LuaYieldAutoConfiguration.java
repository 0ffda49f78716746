package dev.luayield.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.luayield.InvocationInterceptor;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.LuaScriptSource;
import dev.luayield.conversion.ValueReaders;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.endpoint.EndpointCallObserver;
import dev.luayield.endpoint.LuaEndpointDiscoverer;
import dev.luayield.endpoint.LuaEndpointRegistry;
import dev.luayield.engine.LuaVm;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.pool.LuaVmFactory;
import dev.luayield.runner.LuaYield;
import dev.luayield.runner.ScriptValidator;
import dev.luayield.sandbox.Grant;
import dev.luayield.sandbox.LuaVmSettings;
import dev.luayield.scripts.ResourceScriptSource;
import dev.luayield.scripts.ScriptRepository;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import party.iroiro.luajava.luajit.LuaJit;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for LuaYield: turns {@link dev.luayield.annotation.LuaEndpoint}
 * beans into a dispatch table and exposes the {@link LuaThreadPool} and the
 * {@link LuaScriptRunner}.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass({ LuaJit.class, GenericObjectPool.class })
@EnableConfigurationProperties(LuaProperties.class)
public final class LuaYieldAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(LuaYieldAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	LuaEndpointDiscoverer luaEndpointDiscoverer(ListableBeanFactory beanFactory) {
		return new LuaEndpointDiscoverer(beanFactory);
	}

	// Not a candidate for the application's own ConversionService injection points
	// (an MVC application has mvcConversionService); LuaYield asks for it by name.
	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "luaConversionService")
	ConversionService luaConversionService(ListableBeanFactory beanFactory,
			ObjectProvider<LuaConversionServiceCustomizer> customizers) {
		ApplicationConversionService conversionService = new ApplicationConversionService();
		ApplicationConversionService.addBeans(conversionService, beanFactory);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(conversionService));
		return conversionService;
	}

	@Bean
	@ConditionalOnMissingBean
	LuaEndpointRegistry luaEndpointRegistry(LuaEndpointDiscoverer discoverer,
			@Qualifier("luaConversionService") ConversionService luaConversionService) {
		return new LuaEndpointRegistry(discoverer, new ValueReaders(luaConversionService));
	}

	@Bean
	@ConditionalOnMissingBean
	LuaThreadPool luaThreadPool(LuaProperties properties, LuaEndpointRegistry registry) {
		LuaProperties.Pool pool = properties.getPool();
		List<String> allowed = properties.getSandbox().getAllowedLibraries();
		if (!allowed.isEmpty()) {
			logger.warn("Lua scripts may use {}, which the sandbox normally removes (lua.sandbox.allowed-libraries):"
					+ " scripts can reach outside the sandbox through them", allowed);
		}
		GenericObjectPoolConfig<LuaVm> config = new GenericObjectPoolConfig<>();
		int maxTotal = (pool.getMaxTotal() != null) ? pool.getMaxTotal() : Runtime.getRuntime().availableProcessors();
		config.setMaxTotal(maxTotal);
		config.setMaxIdle((pool.getMaxIdle() != null) ? pool.getMaxIdle() : maxTotal);
		config.setMinIdle(pool.getMinIdle());
		config.setMaxWait(pool.getMaxWait());
		if (pool.getTimeBetweenEvictionRuns() != null) {
			config.setTimeBetweenEvictionRuns(pool.getTimeBetweenEvictionRuns());
		}
		if (pool.getMinEvictableIdleTime() != null) {
			config.setMinEvictableIdleDuration(pool.getMinEvictableIdleTime());
		}
		// Registered as org.apache.commons.pool2:type=GenericObjectPool,name=lua for
		// JMX consoles; LuaYield's metrics read the pool itself (LuaPoolMetrics).
		config.setJmxEnabled(true);
		config.setJmxNamePrefix("lua");
		LuaProperties.Limits limits = properties.getLimits();
		boolean timeLimited = limits.getTimeout() != null && !limits.getTimeout().isZero();
		boolean memoryLimited = limits.getMemory() != null && limits.getMemory().toBytes() > 0;
		LuaVmSettings settings = new LuaVmSettings(allowed, properties.getSandbox().getEvalCacheSize(),
				(timeLimited || memoryLimited) ? limits.getCheckInterval() : 0,
				memoryLimited ? limits.getMemory().toBytes() : 0, limits.isJit(), limits.getNesting());
		return new LuaThreadPool(new LuaVmFactory(registry, settings), config);
	}

	@Bean
	@ConditionalOnMissingBean
	ScriptRepository luaScriptRepository(ResourceLoader resourceLoader, LuaProperties properties,
			ObjectProvider<LuaScriptSource> beans) {
		LuaProperties.Scripts scripts = properties.getScripts();
		List<LuaScriptSource> sources = new ArrayList<>(beans.orderedStream().toList());
		boolean reload = (scripts.getReload() != null) ? scripts.getReload() : !sources.isEmpty();
		List<String> locations = scripts.locationsInUse();
		for (String location : locations) {
			sources.add(new ResourceScriptSource(resourceLoader, location));
		}
		return new ScriptRepository(sources, reload ? scripts.getReloadInterval() : null);
	}

	@Bean
	@ConditionalOnMissingBean
	LuaScriptRunner luaScriptRunner(LuaThreadPool pool, ScriptRepository scripts, LuaEndpointRegistry registry,
			@Qualifier("luaConversionService") ConversionService luaConversionService, LuaProperties properties,
			ObjectProvider<InvocationInterceptor> interceptors, ObjectProvider<EndpointCallObserver> observer) {
		// The pool and the repository are beans of their own, so that an application can
		// replace them; the builder only puts the runner together with them.
		LuaYield.Builder builder = LuaYield.builder()
			.pool(pool)
			.endpoints(registry)
			.scripts(scripts)
			.conversionService(luaConversionService)
			.maxCalls(properties.getLimits().getCalls())
			.timeout(runnerTimeout(properties.getLimits()))
			.permissions(properties.getPermissions());
		interceptors.orderedStream().forEach(builder::interceptor);
		observer.ifAvailable(builder::observer);
		return builder.build().runner();
	}

	private static Duration runnerTimeout(LuaProperties.Limits limits) {
		return (limits.getTimeout() != null && !limits.getTimeout().isZero()) ? limits.getTimeout() : null;
	}

	@Bean(defaultCandidate = false)
	static SmartInitializingSingleton luaYieldStartupCheck(ObjectProvider<LuaEndpointRegistry> registry,
			ObjectProvider<LuaThreadPool> pool, ObjectProvider<LuaProperties> properties) {
		// Fail the start, not the first invocation: endpoints are validated, so are the
		// grants of lua.permissions, and one state is created so that missing LuaJIT
		// natives show up now.
		return () -> {
			registry.ifAvailable((endpoints) -> {
				DispatchTable table = endpoints.get();
				properties.ifAvailable((lua) -> lua.getPermissions()
					.forEach((prefix, names) -> Grant.resolve(0, table.idsByEndpoint(), names,
							"lua.permissions." + prefix)));
			});
			pool.ifAvailable((threadPool) -> {
				try {
					threadPool.preparePool();
					if (threadPool.getNumIdle() == 0) {
						threadPool.addObject();
					}
				}
				catch (RuntimeException | Error ex) {
					throw ex;
				}
				catch (Exception ex) {
					throw new IllegalStateException("Could not create a Lua state", ex);
				}
			});
		};
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "lua.scripts.validate", matchIfMissing = true)
	static SmartInitializingSingleton luaScriptValidation(ObjectProvider<LuaThreadPool> pool,
			ObjectProvider<ScriptRepository> scripts, ObjectProvider<LuaProperties> properties) {
		// Declared after the start-up check, so it runs after it:
		// once that check has made a state, so a missing native
		// fails there, with its own diagnosis, rather than here.
		return () -> {
			LuaThreadPool threadPool = pool.getIfAvailable();
			ScriptRepository repository = scripts.getIfAvailable();
			if (threadPool == null || repository == null) {
				return;
			}
			List<LuaScriptException> failures = new ScriptValidator(threadPool, repository).validate();
			if (failures.isEmpty()) {
				return;
			}
			String report = failures.stream().map(LuaScriptException::getMessage).collect(Collectors.joining("\n  "));
			if (properties.getObject().getScripts().getValidateMode() == LuaProperties.ValidateMode.WARN) {
				logger.warn("Lua scripts in {} do not compile (lua.scripts.validate-mode=warn):\n  {}",
						repository.getLocation(), report);
				return;
			}
			LuaScriptException first = failures.get(0);
			throw new LuaScriptException(first.getScriptName(), first.getLine(),
					failures.size() + " Lua script(s) in " + repository.getLocation()
							+ " do not compile (lua.scripts.validate=false or lua.scripts.validate-mode=warn to"
							+ " start anyway):\n  " + report,
					null);
		};
	}

}
