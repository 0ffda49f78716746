package dev.luayield.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for LuaYield.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("lua")
public class LuaProperties {

	private final Pool pool = new Pool();

	private final Scripts scripts = new Scripts();

	private final Limits limits = new Limits();

	private final Sandbox sandbox = new Sandbox();

	/**
	 * Endpoints and endpoint methods granted to named scripts, by script prefix: each
	 * script runs with the grant of the longest prefix of its name on whole path segments
	 * ('mods' applies to 'mods' and 'mods/...', not to 'modsx'); 'eval' applies to
	 * runner.eval. Entries name whole endpoints ('world') or methods
	 * ('clinic.find_owners', 'dice.*'). A grant in the caller's LuaOptions replaces the
	 * configured one; a script no prefix matches may call every endpoint.
	 */
	private Map<String, List<String>> permissions = new LinkedHashMap<>();

	public Pool getPool() {
		return this.pool;
	}

	public Scripts getScripts() {
		return this.scripts;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Sandbox getSandbox() {
		return this.sandbox;
	}

	public Map<String, List<String>> getPermissions() {
		return this.permissions;
	}

	public void setPermissions(Map<String, List<String>> permissions) {
		this.permissions = permissions;
	}

	/**
	 * The pool of Lua states, configured as commons-pool2 names its settings.
	 */
	public static class Pool {

		/**
		 * Maximum number of Lua states, each running one invocation at a time. When not
		 * set, the number of available processors.
		 */
		private Integer maxTotal;

		/**
		 * Minimum number of idle Lua states to keep ready: created at start and, when
		 * time-between-eviction-runs is positive, restored by each eviction run.
		 */
		private int minIdle = 0;

		/**
		 * Maximum number of idle Lua states to keep; a state returned while that many are
		 * idle is destroyed. When not set, the same as max-total.
		 */
		private Integer maxIdle;

		/**
		 * How long an invocation waits for a free Lua state before failing with
		 * LuaPoolExhaustedException.
		 */
		private Duration maxWait = Duration.ofSeconds(5);

		/**
		 * Time between runs of the idle-state evictor, which destroys states idle longer
		 * than min-evictable-idle-time and creates states up to min-idle. Zero or
		 * negative runs no evictor, so that min-idle holds only at start.
		 */
		private Duration timeBetweenEvictionRuns = Duration.ofSeconds(30);

		/**
		 * Minimum time a Lua state may sit idle before the evictor may destroy it.
		 */
		private Duration minEvictableIdleTime = Duration.ofMinutes(30);

		public Integer getMaxTotal() {
			return this.maxTotal;
		}

		public void setMaxTotal(Integer maxTotal) {
			this.maxTotal = maxTotal;
		}

		public int getMinIdle() {
			return this.minIdle;
		}

		public void setMinIdle(int minIdle) {
			this.minIdle = minIdle;
		}

		public Integer getMaxIdle() {
			return this.maxIdle;
		}

		public void setMaxIdle(Integer maxIdle) {
			this.maxIdle = maxIdle;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		public Duration getTimeBetweenEvictionRuns() {
			return this.timeBetweenEvictionRuns;
		}

		public void setTimeBetweenEvictionRuns(Duration timeBetweenEvictionRuns) {
			this.timeBetweenEvictionRuns = timeBetweenEvictionRuns;
		}

		public Duration getMinEvictableIdleTime() {
			return this.minEvictableIdleTime;
		}

		public void setMinEvictableIdleTime(Duration minEvictableIdleTime) {
			this.minEvictableIdleTime = minEvictableIdleTime;
		}

	}

	/**
	 * Where scripts come from.
	 */
	public static class Scripts {

		/**
		 * Location of named scripts; "combat/on_hit" is read from
		 * <location>combat/on_hit.lua. Shorthand for a locations list of one, and ignored
		 * when locations is set.
		 */
		private String location = "classpath:/lua/";

		/**
		 * Locations of named scripts, asked in order after any LuaScriptSource beans (the
		 * JDBC source, for one): the first that has a script answers for it. When not
		 * set, the single location.
		 */
		private List<String> locations = new ArrayList<>();

		/**
		 * Whether changed scripts are picked up without a restart: each script's version
		 * is asked for again at most every reload-interval, and every pooled state
		 * compiles a new version on its next use. A change that does not compile is
		 * logged and the previous version keeps running. When not set, on when the
		 * application has LuaScriptSource beans (scripts in a table are there to be
		 * edited), off otherwise.
		 */
		private Boolean reload;

		/**
		 * How often, at most, a script's version is asked for again when reload is on.
		 */
		private Duration reloadInterval = Duration.ofSeconds(1);

		/**
		 * Whether every script the sources list is compiled once at start-up, so that a
		 * syntax error is reported, with the script's name and line, before the first
		 * request.
		 */
		private boolean validate = true;

		/**
		 * What a script that does not compile at start-up does: "fail" stops the
		 * application, "warn" logs it and starts anyway.
		 */
		private ValidateMode validateMode = ValidateMode.FAIL;

		public boolean isValidate() {
			return this.validate;
		}

		public void setValidate(boolean validate) {
			this.validate = validate;
		}

		public ValidateMode getValidateMode() {
			return this.validateMode;
		}

		public void setValidateMode(ValidateMode validateMode) {
			this.validateMode = validateMode;
		}

		public String getLocation() {
			return this.location;
		}

		public void setLocation(String location) {
			this.location = location;
		}

		public List<String> getLocations() {
			return this.locations;
		}

		public void setLocations(List<String> locations) {
			this.locations = locations;
		}

		/**
		 * Returns the locations scripts are read from: {@code locations} when set,
		 * otherwise {@code location} alone.
		 * @return the locations, in order
		 */
		public List<String> locationsInUse() {
			return this.locations.isEmpty() ? List.of(this.location) : this.locations;
		}

		public Boolean getReload() {
			return this.reload;
		}

		public void setReload(Boolean reload) {
			this.reload = reload;
		}

		public Duration getReloadInterval() {
			return this.reloadInterval;
		}

		public void setReloadInterval(Duration reloadInterval) {
			this.reloadInterval = reloadInterval;
		}

	}

	/**
	 * What start-up does with a script that does not compile.
	 */
	public enum ValidateMode {

		/**
		 * Stop the application.
		 */
		FAIL,

		/**
		 * Log a warning and start anyway.
		 */
		WARN

	}

	/**
	 * Limits on what one invocation may do.
	 */
	public static class Limits {

		/**
		 * Maximum number of endpoint calls one invocation may make.
		 */
		private long calls = 1_000_000;

		/**
		 * Maximum wall-clock time of one invocation, endpoint calls included. Exceeding
		 * it ends the invocation with LuaTimeoutException. Zero turns the limit off.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		/**
		 * Maximum memory of each Lua state. Exceeding it ends the invocation with an
		 * error and replaces the state. Zero turns the limit off.
		 */
		private DataSize memory = DataSize.ofMegabytes(64);

		/**
		 * Number of loop iterations and function calls, counted together, between two
		 * checks of the time and memory limits.
		 */
		private int checkInterval = 1000;

		/**
		 * Whether LuaJIT's JIT compiler runs scripts. Pure-Lua computation runs several
		 * times faster with it, and the limits are checked in compiled code too, but the
		 * trace compiler of the bundled LuaJIT has known bugs that a hostile script can
		 * use to crash the JVM: turn it on only for scripts that are not hostile.
		 */
		private boolean jit = false;

		/**
		 * Maximum nesting of calls that recurse on the calling thread's native stack:
		 * coroutines resumed inside coroutines, string.gsub and table.sort callbacks. Too
		 * deep a native stack would crash the JVM, so keep this well below what the
		 * smallest thread stack that runs scripts can hold (about 100 levels per MB).
		 */
		private int nesting = 32;

		public long getCalls() {
			return this.calls;
		}

		public void setCalls(long calls) {
			this.calls = calls;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public DataSize getMemory() {
			return this.memory;
		}

		public void setMemory(DataSize memory) {
			this.memory = memory;
		}

		public int getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(int checkInterval) {
			this.checkInterval = checkInterval;
		}

		public int getNesting() {
			return this.nesting;
		}

		public void setNesting(int nesting) {
			this.nesting = nesting;
		}

		public boolean isJit() {
			return this.jit;
		}

		public void setJit(boolean jit) {
			this.jit = jit;
		}

	}

	/**
	 * The sandbox scripts run in.
	 */
	public static class Sandbox {

		/**
		 * Libraries the sandbox normally removes that scripts may use anyway (for example
		 * "io", "os", "debug", "jit", "ffi"). Each one hands scripts a way out of the
		 * sandbox; a warning is logged at startup.
		 */
		private List<String> allowedLibraries = new ArrayList<>();

		/**
		 * Number of compiled eval chunks each Lua state keeps.
		 */
		private int evalCacheSize = 64;

		public List<String> getAllowedLibraries() {
			return this.allowedLibraries;
		}

		public void setAllowedLibraries(List<String> allowedLibraries) {
			this.allowedLibraries = allowedLibraries;
		}

		public int getEvalCacheSize() {
			return this.evalCacheSize;
		}

		public void setEvalCacheSize(int evalCacheSize) {
			this.evalCacheSize = evalCacheSize;
		}

	}

}
