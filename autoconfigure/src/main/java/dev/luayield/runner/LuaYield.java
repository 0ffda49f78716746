package dev.luayield.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.luayield.InvocationInterceptor;
import dev.luayield.LuaScriptRunner;
import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.conversion.ValueReaders;
import dev.luayield.conversion.ValueWriter;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.endpoint.EndpointBean;
import dev.luayield.endpoint.EndpointCallObserver;
import dev.luayield.endpoint.LuaEndpointDiscoverer;
import dev.luayield.engine.LuaVm;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.pool.LuaVmFactory;
import dev.luayield.runner.DefaultLuaScriptRunner.RunnerSettings;
import dev.luayield.sandbox.LuaVmSettings;
import dev.luayield.scripts.ScriptRepository;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * A {@link LuaScriptRunner} and the {@link LuaThreadPool} it runs on, put together
 * without Spring Boot: for a plain Spring application, a test or a benchmark. The
 * auto-configuration builds its runner with it too, so a runner built here behaves as the
 * starter's does, and its defaults are those of the {@code lua.*} properties.
 * <pre class="code">
 * try (LuaYield lua = LuaYield.builder().endpoint(new WorldEndpoint()).build()) {
 *     int hp = lua.runner().run("combat/on_hit", Integer.class, 1L, 5);
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class LuaYield implements AutoCloseable {

	private final LuaScriptRunner runner;

	private final LuaThreadPool pool;

	private final boolean ownsPool;

	private LuaYield(LuaScriptRunner runner, LuaThreadPool pool, boolean ownsPool) {
		this.runner = runner;
		this.pool = pool;
		this.ownsPool = ownsPool;
	}

	/**
	 * Returns a builder with the defaults of the {@code lua.*} properties: scripts from
	 * {@code classpath:/lua/}, as many Lua states as available processors, the default
	 * sandbox, a time limit of 5 seconds and at most 1,000,000 endpoint calls per
	 * invocation.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the runner, thread-safe and shared by every caller.
	 * @return the runner
	 */
	public LuaScriptRunner runner() {
		return this.runner;
	}

	/**
	 * Returns the pool of Lua states the runner borrows from, for its metrics and to make
	 * states in advance ({@link LuaThreadPool#preparePool()}).
	 * @return the pool
	 */
	public LuaThreadPool pool() {
		return this.pool;
	}

	/**
	 * Closes the pool the builder made, destroying its Lua states; invocations after that
	 * fail. A pool given to {@link Builder#pool(LuaThreadPool)} belongs to whoever made
	 * it and is left open.
	 */
	@Override
	public void close() {
		if (this.ownsPool) {
			this.pool.close();
		}
	}

	/**
	 * Builds a {@link LuaYield}. Every method checks its argument at once, and says what
	 * to do when it cannot take it; {@link #build()} then checks the endpoints.
	 */
	public static final class Builder {

		private final List<EndpointBean> endpoints = new ArrayList<>();

		private @Nullable Supplier<DispatchTable> dispatchTable;

		private String location = "classpath:/lua/";

		private ResourceLoader resourceLoader = new DefaultResourceLoader();

		private @Nullable Duration reloadInterval;

		private boolean scriptsFromLocation;

		private @Nullable ScriptRepository scripts;

		private @Nullable ConversionService conversionService;

		private @Nullable GenericObjectPoolConfig<LuaVm> poolConfig;

		private int poolSize;

		private @Nullable LuaThreadPool pool;

		private @Nullable LuaVmSettings sandbox;

		private @Nullable Duration timeout = Duration.ofSeconds(5);

		private long maxCalls = 1_000_000;

		private final List<InvocationInterceptor> interceptors = new ArrayList<>();

		private @Nullable EndpointCallObserver observer;

		private final Map<String, List<String>> permissions = new LinkedHashMap<>();

		private boolean built;

		private Builder() {
		}

		/**
		 * Exposes a {@link LuaEndpoint @LuaEndpoint} bean to scripts under the global its
		 * annotation names or, when it names none, under the bean name Spring's component
		 * scanning would give its class ({@code worldEndpoint} for
		 * {@code WorldEndpoint}). As in a Spring container, the class looked at is the
		 * one behind an AOP proxy, and calls go through the proxy, so its advice applies.
		 * @param bean the endpoint bean
		 * @return this builder
		 * @throws IllegalArgumentException if the bean's class is not annotated
		 */
		public Builder endpoint(Object bean) {
			Assert.notNull(bean, "endpoint(bean): the bean must not be null");
			Class<?> userClass = LuaEndpointDiscoverer.userClass(bean);
			LuaEndpoint annotation = AnnotatedElementUtils.findMergedAnnotation(userClass, LuaEndpoint.class);
			if (annotation == null) {
				throw new IllegalArgumentException("endpoint(bean): " + userClass.getName()
						+ " is not annotated with @LuaEndpoint; annotate it, or name its Lua global with"
						+ " endpoint(\"name\", bean)");
			}
			String beanName = AnnotationBeanNameGenerator.INSTANCE
				.generateBeanName(new AnnotatedGenericBeanDefinition(userClass), new SimpleBeanDefinitionRegistry());
			return addEndpoint(LuaEndpointDiscoverer.endpoint(beanName, bean, annotation));
		}

		/**
		 * Exposes a bean to scripts under the given global, whether or not it is
		 * annotated. Its public methods become callable as those of a
		 * {@link LuaEndpoint @LuaEndpoint} class do.
		 * @param global the Lua global name; {@link #build()} checks that it is a valid
		 * Lua identifier, hides no Lua global and is not taken
		 * @param bean the endpoint bean
		 * @return this builder
		 */
		public Builder endpoint(String global, Object bean) {
			Assert.notNull(global, "endpoint(global, bean): the global must not be null");
			Assert.notNull(bean, () -> "endpoint(\"" + global + "\", bean): the bean must not be null");
			return addEndpoint(new EndpointBean(global, bean, LuaEndpointDiscoverer.userClass(bean)));
		}

		private Builder addEndpoint(EndpointBean endpoint) {
			Assert.state(this.dispatchTable == null,
					"endpoint(...) cannot add to the endpoints given to endpoints(Supplier); use one or the other");
			this.endpoints.add(endpoint);
			return this;
		}

		/**
		 * Takes the endpoints from a dispatch table made the first time a state or an
		 * invocation needs it, instead of from {@link #endpoint(Object)}: for a container
		 * that finds its endpoint beans only once they all exist (the
		 * auto-configuration's {@link dev.luayield.endpoint.LuaEndpointRegistry}), so
		 * that endpoint beans may depend on the runner. The supplier is asked once.
		 * @param dispatchTable supplies the dispatch table
		 * @return this builder
		 */
		public Builder endpoints(Supplier<DispatchTable> dispatchTable) {
			Assert.notNull(dispatchTable, "endpoints(dispatchTable): the supplier must not be null");
			Assert.state(this.endpoints.isEmpty(),
					"endpoints(Supplier) cannot replace the endpoints given to endpoint(...); use one or the other");
			Assert.state(this.dispatchTable == null, "endpoints(Supplier) was already called");
			this.dispatchTable = SingletonSupplier.of(dispatchTable);
			return this;
		}

		/**
		 * Reads named scripts from a location: {@code combat/on_hit} is
		 * {@code <location>combat/on_hit.lua}. Defaults to {@code classpath:/lua/}.
		 * @param location a location the resource loader resolves, such as
		 * {@code classpath:/lua/} or {@code file:./scripts/}
		 * @return this builder
		 */
		public Builder scripts(String location) {
			Assert.hasText(location, "scripts(location): the location must not be empty");
			useLocation("scripts(String)");
			this.location = location;
			return this;
		}

		/**
		 * Resolves the script location with the given loader instead of a
		 * {@link DefaultResourceLoader}; an application context is one.
		 * @param resourceLoader the resource loader
		 * @return this builder
		 */
		public Builder resourceLoader(ResourceLoader resourceLoader) {
			Assert.notNull(resourceLoader, "resourceLoader(resourceLoader): the loader must not be null");
			useLocation("resourceLoader(ResourceLoader)");
			this.resourceLoader = resourceLoader;
			return this;
		}

		/**
		 * Picks up changed scripts without a restart: each script's source is read again
		 * at most this often, and every state compiles the new version on its next use.
		 * By default scripts are read once.
		 * @param reloadInterval how often, at most, a source is read again ({@code zero}
		 * for on every invocation), or {@code null} to read each script once
		 * @return this builder
		 */
		public Builder reloadInterval(@Nullable Duration reloadInterval) {
			Assert.isTrue(reloadInterval == null || !reloadInterval.isNegative(), () -> "reloadInterval("
					+ reloadInterval + "): must not be negative; use zero to read scripts on every invocation");
			useLocation("reloadInterval(Duration)");
			this.reloadInterval = reloadInterval;
			return this;
		}

		private void useLocation(String method) {
			Assert.state(this.scripts == null, () -> method
					+ " does not apply to the ScriptRepository given to scripts(ScriptRepository); set it there");
			this.scriptsFromLocation = true;
		}

		/**
		 * Reads named scripts from the given repository instead of from a location.
		 * @param scripts the script repository
		 * @return this builder
		 */
		public Builder scripts(ScriptRepository scripts) {
			Assert.notNull(scripts, "scripts(scripts): the repository must not be null");
			Assert.state(!this.scriptsFromLocation,
					"scripts(ScriptRepository) cannot be combined with scripts(String), resourceLoader(...) or"
							+ " reloadInterval(...); give the repository its location, loader and interval");
			this.scripts = scripts;
			return this;
		}

		/**
		 * Converts between the values Lua has and the types endpoint parameters and
		 * results declare. Defaults to a new {@link ApplicationConversionService}.
		 * @param conversionService the conversion service
		 * @return this builder
		 */
		public Builder conversionService(ConversionService conversionService) {
			Assert.notNull(conversionService, "conversionService(conversionService): must not be null");
			this.conversionService = conversionService;
			return this;
		}

		/**
		 * Configures the pool of Lua states in full, instead of the defaults: a copy of
		 * the configuration is taken, used as it is.
		 * @param poolConfig the commons-pool2 configuration
		 * @return this builder
		 */
		public Builder poolConfig(GenericObjectPoolConfig<LuaVm> poolConfig) {
			Assert.notNull(poolConfig, "poolConfig(poolConfig): must not be null");
			Assert.state(this.poolSize == 0,
					"poolConfig(...) cannot be combined with poolSize(int); set max-total and max-idle on the"
							+ " configuration");
			noPoolGiven("poolConfig(GenericObjectPoolConfig)");
			this.poolConfig = poolConfig.clone();
			return this;
		}

		/**
		 * Sets how many Lua states the pool holds at most, busy or idle, keeping the
		 * other defaults: states are made on first use, an invocation waits up to 5
		 * seconds for a free one, and states idle for 30 minutes are destroyed.
		 * @param poolSize the most Lua states, each running one invocation at a time;
		 * defaults to the number of available processors
		 * @return this builder
		 */
		public Builder poolSize(int poolSize) {
			Assert.isTrue(poolSize > 0, () -> "poolSize(" + poolSize + "): must be at least 1");
			Assert.state(this.poolConfig == null,
					"poolSize(int) cannot be combined with poolConfig(...); set max-total and max-idle on the"
							+ " configuration");
			noPoolGiven("poolSize(int)");
			this.poolSize = poolSize;
			return this;
		}

		/**
		 * Sets up every Lua state with the given sandbox settings and memory limit.
		 * Defaults to {@link LuaVmSettings#defaults()}.
		 * @param sandbox the settings
		 * @return this builder
		 */
		public Builder sandbox(LuaVmSettings sandbox) {
			Assert.notNull(sandbox, "sandbox(settings): must not be null");
			noPoolGiven("sandbox(LuaVmSettings)");
			this.sandbox = sandbox;
			return this;
		}

		private void noPoolGiven(String method) {
			Assert.state(this.pool == null,
					() -> method
							+ " does not apply to the pool given to pool(LuaThreadPool): its states are made by its own"
							+ " LuaVmFactory; configure them there");
		}

		/**
		 * Runs on an existing pool rather than one the builder makes; the pool stays its
		 * maker's to close. Its states know the endpoints of the dispatch table its
		 * {@link LuaVmFactory} was given, so that same table must come through
		 * {@link #endpoints(Supplier)}.
		 * @param pool the pool
		 * @return this builder
		 */
		public Builder pool(LuaThreadPool pool) {
			Assert.notNull(pool, "pool(pool): must not be null");
			Assert.state(this.poolConfig == null && this.poolSize == 0 && this.sandbox == null,
					"pool(LuaThreadPool) cannot be combined with poolConfig(...), poolSize(...) or sandbox(...);"
							+ " they configure a pool the builder makes");
			this.pool = pool;
			return this;
		}

		/**
		 * Limits how long one invocation may run, endpoint calls included; past it the
		 * invocation fails with {@link dev.luayield.LuaTimeoutException}. Defaults to 5
		 * seconds. A script busy in Lua alone is stopped by the checks compiled into it,
		 * so the sandbox's {@link LuaVmSettings#limitCheckInterval()} must be above zero,
		 * as it is by default.
		 * @param timeout the limit, or {@code null} for none
		 * @return this builder
		 */
		public Builder timeout(@Nullable Duration timeout) {
			Assert.isTrue(timeout == null || (!timeout.isZero() && !timeout.isNegative()),
					() -> "timeout(" + timeout + "): must be positive; use null for no time limit");
			this.timeout = timeout;
			return this;
		}

		/**
		 * Limits how many endpoint calls one invocation may make. Defaults to 1,000,000.
		 * @param maxCalls the limit
		 * @return this builder
		 */
		public Builder maxCalls(long maxCalls) {
			Assert.isTrue(maxCalls >= 0, () -> "maxCalls(" + maxCalls
					+ "): must not be negative; use Long.MAX_VALUE for no practical limit");
			this.maxCalls = maxCalls;
			return this;
		}

		/**
		 * Wraps every invocation, for example in a transaction. Interceptors apply in the
		 * order they are added, the first outermost.
		 * @param interceptor the interceptor
		 * @return this builder
		 */
		public Builder interceptor(InvocationInterceptor interceptor) {
			Assert.notNull(interceptor, "interceptor(interceptor): must not be null");
			this.interceptors.add(interceptor);
			return this;
		}

		/**
		 * Watches every endpoint call, for metrics and tracing.
		 * @param observer the observer
		 * @return this builder
		 */
		public Builder observer(EndpointCallObserver observer) {
			Assert.notNull(observer, "observer(observer): must not be null");
			Assert.state(this.observer == null,
					"observer(...) was already called; one observer watches every call, so combine them in one");
			this.observer = observer;
			return this;
		}

		/**
		 * Grants named scripts only some endpoints and methods, as
		 * {@code lua.permissions.*} does: each script runs with the grant of the longest
		 * prefix of its name on whole path segments ({@code mods} applies to {@code mods}
		 * and {@code mods/...}, not to {@code modsx}), and {@code eval} applies to
		 * {@link LuaScriptRunner#eval(String, Object...)}. A grant in the caller's
		 * {@link dev.luayield.LuaOptions} replaces the configured one; a script no prefix
		 * matches may call every endpoint. Adds to what earlier calls gave.
		 * @param permissions the endpoints ({@code world}) and methods
		 * ({@code clinic.find_owners}, {@code dice.*}) granted, by script prefix; an
		 * empty list grants nothing. {@link #build()} checks the names against the
		 * endpoints given to {@link #endpoint(Object)}; those of
		 * {@link #endpoints(Supplier)} are checked on first use
		 * @return this builder
		 */
		public Builder permissions(Map<String, List<String>> permissions) {
			Assert.notNull(permissions, "permissions(permissions): must not be null");
			permissions.forEach((prefix, names) -> {
				Assert.isTrue(prefix != null && !prefix.isBlank(), () -> "permissions(...): the prefix '" + prefix
						+ "' is blank; name a script or a folder of scripts ('mods', 'mods/admin', or 'eval')");
				Assert.notNull(names, () -> "permissions(...): the names for '" + prefix
						+ "' are null; give an empty list to grant nothing");
				this.permissions.put(prefix, List.copyOf(names));
			});
			return this;
		}

		/**
		 * Builds the runner and, unless {@link #pool(LuaThreadPool)} gave one, its pool.
		 * The pool makes its Lua states on first use.
		 * @return the runner and its pool
		 * @throws dev.luayield.endpoint.InvalidLuaEndpointException if an endpoint cannot
		 * be exposed as given (an invalid or duplicate global, an unsupported parameter
		 * type)
		 * @throws IllegalArgumentException if a permission names an endpoint or method
		 * there is not
		 * @throws IllegalStateException if this builder already built, or a pool was
		 * given without its endpoints
		 */
		public LuaYield build() {
			Assert.state(!this.built, "build() was already called; a builder builds one runner and pool, so call"
					+ " LuaYield.builder() again for another");
			Assert.state(this.pool == null || this.dispatchTable != null,
					"pool(LuaThreadPool) needs endpoints(Supplier) with the dispatch table the pool's LuaVmFactory"
							+ " was given, so that the runner and the pool's states agree on every endpoint");
			ConversionService conversion = (this.conversionService != null) ? this.conversionService
					: new ApplicationConversionService();
			ValueReaders readers = new ValueReaders(conversion);
			Supplier<DispatchTable> table = this.dispatchTable;
			if (table == null) {
				DispatchTable built = DispatchTable.build(this.endpoints, readers);
				table = () -> built;
			}
			if (this.dispatchTable == null && !this.permissions.isEmpty()) {
				// Before a pool is made: a name that is not an endpoint fails here.
				new Grants(table, this.permissions).checkConfigured();
			}
			ScriptRepository repository = (this.scripts != null) ? this.scripts
					: new ScriptRepository(this.resourceLoader, this.location, this.reloadInterval);
			boolean ownsPool = this.pool == null;
			LuaThreadPool threadPool = (this.pool != null) ? this.pool
					: new LuaThreadPool(
							new LuaVmFactory(table, (this.sandbox != null) ? this.sandbox : LuaVmSettings.defaults()),
							poolConfig());
			DefaultLuaScriptRunner runner = new DefaultLuaScriptRunner(threadPool, repository, table, readers,
					new ValueWriter(conversion), new RunnerSettings(this.maxCalls, this.timeout),
					InvocationInterceptor.compose(this.interceptors), this.observer);
			if (!this.permissions.isEmpty()) {
				runner = runner.withPermissions(this.permissions);
			}
			this.built = true;
			return new LuaYield(runner, threadPool, ownsPool);
		}

		private GenericObjectPoolConfig<LuaVm> poolConfig() {
			if (this.poolConfig != null) {
				return this.poolConfig;
			}
			// The lua.pool.* defaults, without JMX: a builder's pools are often many
			// (tests), and a JMX name is the application's to choose.
			GenericObjectPoolConfig<LuaVm> config = new GenericObjectPoolConfig<>();
			int maxTotal = (this.poolSize > 0) ? this.poolSize : Runtime.getRuntime().availableProcessors();
			config.setMaxTotal(maxTotal);
			config.setMaxIdle(maxTotal);
			config.setMaxWait(Duration.ofSeconds(5));
			config.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
			config.setMinEvictableIdleDuration(Duration.ofMinutes(30));
			config.setJmxEnabled(false);
			return config;
		}

	}

}
