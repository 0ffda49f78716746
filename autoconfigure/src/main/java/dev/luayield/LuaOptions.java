package dev.luayield;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Per-invocation options, applied through {@link LuaScriptRunner#with(LuaOptions)}:
 * {@code runner.with(LuaOptions.readOnly()).run("report")}. Unset options keep the
 * configured defaults ({@code lua.transaction.*}, {@code lua.limits.*},
 * {@code lua.permissions.*}). Immutable.
 * <p>
 * A grant ({@link #withEndpoints(String...)}, {@link #withMethods(String...)}) limits
 * what the invocation may call: least privilege for scripts written by players, tenants
 * or operators.
 *
 * @since 0.1.0
 */
public final class LuaOptions {

	private static final LuaOptions DEFAULTS = new LuaOptions(null, null, null, null, null, null, null);

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private final Boolean readOnly;

	private final Integer propagation;

	private final Integer isolation;

	private final Duration timeout;

	private final LuaTrace trace;

	private final @Nullable List<String> endpoints;

	private final @Nullable List<String> methods;

	private LuaOptions(Boolean readOnly, Integer propagation, Integer isolation, Duration timeout, LuaTrace trace,
			@Nullable List<String> endpoints, @Nullable List<String> methods) {
		this.readOnly = readOnly;
		this.propagation = propagation;
		this.isolation = isolation;
		this.timeout = timeout;
		this.trace = trace;
		this.endpoints = endpoints;
		this.methods = methods;
	}

	/**
	 * Returns options that change nothing.
	 * @return the default options
	 */
	public static LuaOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns options for a read-only transaction.
	 * @return read-only options
	 */
	public static LuaOptions readOnly() {
		return DEFAULTS.withReadOnly(true);
	}

	/**
	 * Returns a copy whose transaction is read-only or not.
	 * @param readOnly whether the transaction is read-only
	 * @return the new options
	 */
	public LuaOptions withReadOnly(boolean readOnly) {
		return new LuaOptions(readOnly, this.propagation, this.isolation, this.timeout, this.trace, this.endpoints,
				this.methods);
	}

	/**
	 * Returns a copy with a transaction propagation behavior, one of Spring's
	 * {@code TransactionDefinition.PROPAGATION_*} constants (or
	 * {@code Propagation.X.value()}).
	 * @param propagation the propagation behavior
	 * @return the new options
	 */
	public LuaOptions withPropagation(int propagation) {
		return new LuaOptions(this.readOnly, propagation, this.isolation, this.timeout, this.trace, this.endpoints,
				this.methods);
	}

	/**
	 * Returns a copy with a transaction isolation level, one of Spring's
	 * {@code TransactionDefinition.ISOLATION_*} constants (or
	 * {@code Isolation.X.value()}).
	 * @param isolation the isolation level
	 * @return the new options
	 */
	public LuaOptions withIsolation(int isolation) {
		return new LuaOptions(this.readOnly, this.propagation, isolation, this.timeout, this.trace, this.endpoints,
				this.methods);
	}

	/**
	 * Returns a copy with a different time limit for the invocation. The limit applies
	 * whatever {@code lua.limits.timeout} says, even when that turns the configured limit
	 * off.
	 * @param timeout the time limit, a positive duration
	 * @return the new options
	 * @throws IllegalArgumentException if the timeout is zero or negative: an invocation
	 * cannot be given less than no time, and no option turns the limit off
	 */
	public LuaOptions withTimeout(Duration timeout) {
		if (timeout == null || timeout.isZero() || timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must be a positive duration, got " + timeout
					+ " (the time limit cannot be turned off per invocation)");
		}
		return new LuaOptions(this.readOnly, this.propagation, this.isolation, timeout, this.trace, this.endpoints,
				this.methods);
	}

	/**
	 * Returns a copy that records the invocation's endpoint calls into the given trace.
	 * Recording reads every argument and reply once more, so leave it off where speed
	 * matters.
	 * @param trace the trace to fill
	 * @return the new options
	 */
	public LuaOptions withTrace(LuaTrace trace) {
		return new LuaOptions(this.readOnly, this.propagation, this.isolation, this.timeout, trace, this.endpoints,
				this.methods);
	}

	/**
	 * Returns a copy whose invocation sees only the named endpoints: any other endpoint
	 * is absent, as an undefined global is ({@code attempt to index global 'admin' (a nil
	 * value)}), and the resume loop refuses a call to any of its methods however the
	 * script came by it. Replaces the endpoints an earlier call named; together with
	 * {@link #withMethods(String...)} the grant is the union of both. A grant here
	 * replaces the one {@code lua.permissions.*} configures for the script. No names at
	 * all grant no endpoint.
	 * @param globals the endpoints' Lua globals ({@code "world"}, {@code "dice"})
	 * @return the new options
	 * @throws IllegalArgumentException if a name is {@code null}, blank or not a Lua
	 * name; a name that is not an endpoint fails when the options are given to
	 * {@link LuaScriptRunner#with(LuaOptions)}
	 */
	public LuaOptions withEndpoints(String... globals) {
		List<String> names = checkedNames(globals, "withEndpoints", false);
		return new LuaOptions(this.readOnly, this.propagation, this.isolation, this.timeout, this.trace, names,
				this.methods);
	}

	/**
	 * Returns a copy whose invocation may call only the named methods, each named as Lua
	 * names it ({@code "clinic.find_owners"}), or all of one endpoint's
	 * ({@code "dice.*"}). The endpoints of the named methods are visible, with only those
	 * methods: calling another fails at the script's line, saying it is not granted.
	 * Replaces the methods an earlier call named; together with
	 * {@link #withEndpoints(String...)} the grant is the union of both. A grant here
	 * replaces the one {@code lua.permissions.*} configures for the script.
	 * @param qualifiedNames the methods, {@code endpoint.method} or {@code endpoint.*}
	 * @return the new options
	 * @throws IllegalArgumentException if a name is {@code null}, blank or not of that
	 * form; a name that is not an endpoint method fails when the options are given to
	 * {@link LuaScriptRunner#with(LuaOptions)}
	 */
	public LuaOptions withMethods(String... qualifiedNames) {
		List<String> names = checkedNames(qualifiedNames, "withMethods", true);
		return new LuaOptions(this.readOnly, this.propagation, this.isolation, this.timeout, this.trace, this.endpoints,
				names);
	}

	private static List<String> checkedNames(String[] names, String option, boolean qualified) {
		if (names == null) {
			throw new IllegalArgumentException(option + ": the names are null; pass no names to grant nothing");
		}
		List<String> checked = new ArrayList<>(names.length);
		for (String name : names) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException(option + ": a name is " + ((name == null) ? "null" : "blank")
						+ " in " + Arrays.toString(names));
			}
			if (!(qualified ? isQualifiedName(name) : NAME.matcher(name).matches())) {
				throw new IllegalArgumentException(option + ": '" + name + "' is not "
						+ (qualified ? "'endpoint.method' or 'endpoint.*'" : "an endpoint's Lua global")
						+ ((!qualified && name.contains(".")) ? " (name single methods with withMethods)" : ""));
			}
			if (!checked.contains(name)) {
				checked.add(name);
			}
		}
		return Collections.unmodifiableList(checked);
	}

	private static boolean isQualifiedName(String name) {
		int dot = name.indexOf('.');
		if (dot < 0) {
			return false;
		}
		String method = name.substring(dot + 1);
		return NAME.matcher(name.substring(0, dot)).matches() && (method.equals("*") || NAME.matcher(method).matches());
	}

	/**
	 * Returns the endpoints the invocation may see, as given to
	 * {@link #withEndpoints(String...)}.
	 * @return the endpoints' Lua globals, or {@code null} if none were named
	 */
	public @Nullable List<String> getEndpoints() {
		return this.endpoints;
	}

	/**
	 * Returns the methods the invocation may call, as given to
	 * {@link #withMethods(String...)}.
	 * @return the qualified method names, or {@code null} if none were named
	 */
	public @Nullable List<String> getMethods() {
		return this.methods;
	}

	/**
	 * Returns whether these options carry a grant, which then replaces any
	 * {@code lua.permissions.*} configures.
	 * @return whether {@link #withEndpoints(String...)} or
	 * {@link #withMethods(String...)} was given
	 */
	public boolean hasGrant() {
		return this.endpoints != null || this.methods != null;
	}

	/**
	 * Returns the trace to record into, or {@code null}.
	 * @return the trace
	 */
	public LuaTrace getTrace() {
		return this.trace;
	}

	/**
	 * Returns whether the transaction is read-only, or {@code null} for the default.
	 * @return the read-only flag
	 */
	public Boolean getReadOnly() {
		return this.readOnly;
	}

	/**
	 * Returns the propagation behavior, or {@code null} for the default.
	 * @return the propagation behavior
	 */
	public Integer getPropagation() {
		return this.propagation;
	}

	/**
	 * Returns the isolation level, or {@code null} for the default.
	 * @return the isolation level
	 */
	public Integer getIsolation() {
		return this.isolation;
	}

	/**
	 * Returns the time limit, or {@code null} for the default.
	 * @return the time limit
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
