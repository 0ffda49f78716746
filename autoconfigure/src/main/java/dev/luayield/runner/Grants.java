package dev.luayield.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.luayield.LuaOptions;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.sandbox.Grant;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * The grants of one runner and every runner {@link DefaultLuaScriptRunner#with derived}
 * from it: each resolved once against the dispatch table and given its index, whether it
 * comes from {@link LuaOptions} or from {@code lua.permissions.*}, so that an invocation
 * only looks its grant up.
 */
final class Grants {

	/** Script names whose configured grant is remembered; past that, it is looked up. */
	private static final int MAX_REMEMBERED_SCRIPTS = 4096;

	/**
	 * Indexes are unique in the JVM, not per runner: runners built apart may share a
	 * pool, and a state keeps one entry per index (two grants with one index would
	 * rebuild each other's entry on every alternation).
	 */
	private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

	private final Supplier<DispatchTable> table;

	private final Map<String, List<String>> permissions;

	private final Map<OptionsKey, Grant> byOptions = new ConcurrentHashMap<>();

	private final Supplier<Map<String, Grant>> configured;

	private final Map<String, Optional<Grant>> byScript = new ConcurrentHashMap<>();

	Grants(Supplier<DispatchTable> table, Map<String, List<String>> permissions) {
		this.table = table;
		this.permissions = copy(permissions);
		this.configured = SingletonSupplier.of(this::resolveConfigured);
	}

	private static Map<String, List<String>> copy(Map<String, List<String>> permissions) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		permissions.forEach((prefix, names) -> {
			String key = prefix.strip();
			while (key.endsWith("/")) {
				key = key.substring(0, key.length() - 1);
			}
			if (key.isEmpty()) {
				throw new IllegalArgumentException("lua.permissions: '" + prefix
						+ "' is not a script prefix; name a script or a folder of scripts ('mods', 'mods/admin',"
						+ " or 'eval' for runner.eval)");
			}
			copy.put(key, List.copyOf((names != null) ? names : List.of()));
		});
		return copy;
	}

	Supplier<DispatchTable> table() {
		return this.table;
	}

	/**
	 * Returns the configured permissions, by script prefix.
	 * @return the permissions
	 */
	Map<String, List<String>> permissions() {
		return this.permissions;
	}

	/**
	 * Returns the grant that options carry, resolved on first use of its names.
	 * @throws IllegalArgumentException if the options name an unknown endpoint or method
	 */
	Grant forOptions(LuaOptions options) {
		OptionsKey key = new OptionsKey(options.getEndpoints(), options.getMethods());
		Grant grant = this.byOptions.get(key);
		if (grant == null) {
			grant = this.byOptions.computeIfAbsent(key,
					(k) -> Grant.resolve(NEXT_INDEX.getAndIncrement(), this.table.get().idsByEndpoint(),
							(k.endpoints() != null) ? k.endpoints() : List.of(),
							(k.methods() != null) ? k.methods() : List.of(), "LuaOptions"));
		}
		return grant;
	}

	/**
	 * Returns the grant {@code lua.permissions.*} configures for a script: the longest
	 * prefix of its name, on whole path segments, that has one.
	 * @param scriptName the script's name, or {@code eval}
	 * @return the grant, or {@code null} for every endpoint
	 */
	@Nullable Grant forScript(String scriptName) {
		if (this.permissions.isEmpty()) {
			return null;
		}
		Optional<Grant> known = this.byScript.get(scriptName);
		if (known != null) {
			return known.orElse(null);
		}
		Grant grant = lookUp(scriptName);
		if (this.byScript.size() < MAX_REMEMBERED_SCRIPTS) {
			this.byScript.put(scriptName, Optional.ofNullable(grant));
		}
		return grant;
	}

	private @Nullable Grant lookUp(String scriptName) {
		Map<String, Grant> grants = this.configured.get();
		String prefix = scriptName;
		while (true) {
			Grant grant = grants.get(prefix);
			if (grant != null) {
				return grant;
			}
			int slash = prefix.lastIndexOf('/');
			if (slash < 0) {
				return null;
			}
			prefix = prefix.substring(0, slash);
		}
	}

	/**
	 * Resolves every configured permission now, so that one that names an unknown
	 * endpoint or method fails the start rather than the first invocation it applies to.
	 * @throws IllegalArgumentException naming the property and the unknown name
	 */
	void checkConfigured() {
		this.configured.get();
	}

	private Map<String, Grant> resolveConfigured() {
		Map<String, Map<String, Integer>> ids = this.table.get().idsByEndpoint();
		Map<String, Grant> grants = new LinkedHashMap<>();
		this.permissions.forEach((prefix, names) -> grants.put(prefix,
				Grant.resolve(NEXT_INDEX.getAndIncrement(), ids, names, "lua.permissions." + prefix)));
		return grants;
	}

	/**
	 * The names options carry; equal options share one grant, whatever else they set.
	 */
	private record OptionsKey(@Nullable List<String> endpoints, @Nullable List<String> methods) {
	}

}
