package dev.luayield.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What one invocation may call, resolved once against the endpoints: which endpoint
 * globals its environment holds (each with all its methods or a subset), and which method
 * ids the resume loop serves. Resolving checks every name, so a grant that names an
 * unknown endpoint or method fails where it is given, not when a script runs.
 * <p>
 * Each grant has a small {@link #index() index}, unique among the grants that may meet on
 * one state, so that a Lua state can keep the proxies it built for a grant in an array;
 * the state also compares the grant itself, so that two grants that share an index never
 * share proxies (they rebuild each other's, correct but slow).
 *
 * @since 0.1.0
 */
public final class Grant {

	private final int index;

	private final List<String> names;

	private final Map<String, @Nullable Set<String>> visible;

	private final boolean[] allowed;

	private Grant(int index, List<String> names, Map<String, @Nullable Set<String>> visible, boolean[] allowed) {
		this.index = index;
		this.names = names;
		this.visible = visible;
		this.allowed = allowed;
	}

	/**
	 * Resolves a grant against the endpoints. Whole endpoints and single methods add up:
	 * an endpoint named whole keeps all its methods whatever methods are named besides.
	 * @param index the grant's index, unique among the grants that may meet on one state
	 * @param idsByEndpoint the method ids by Lua name, keyed by endpoint global
	 * @param endpoints endpoints granted whole, by Lua global
	 * @param methods methods granted, {@code endpoint.method} or {@code endpoint.*}
	 * @param source where the names come from, for messages ({@code LuaOptions},
	 * {@code lua.permissions.mods})
	 * @return the grant
	 * @throws IllegalArgumentException if a name is not an endpoint or method, naming it
	 * and what there is
	 */
	public static Grant resolve(int index, Map<String, Map<String, Integer>> idsByEndpoint,
			Collection<String> endpoints, Collection<String> methods, String source) {
		Map<String, @Nullable Set<String>> visible = new LinkedHashMap<>();
		List<String> names = new ArrayList<>();
		for (String endpoint : endpoints) {
			checkEndpoint(idsByEndpoint, endpoint, endpoint, source);
			visible.put(endpoint, null);
		}
		for (String method : methods) {
			int dot = method.indexOf('.');
			if (dot <= 0 || dot == method.length() - 1) {
				throw new IllegalArgumentException(
						source + ": '" + method + "' is not 'endpoint.method' or 'endpoint.*'");
			}
			String endpoint = method.substring(0, dot);
			String name = method.substring(dot + 1);
			Map<String, Integer> ids = checkEndpoint(idsByEndpoint, endpoint, method, source);
			if (name.equals("*")) {
				visible.put(endpoint, null);
				continue;
			}
			if (!ids.containsKey(name)) {
				throw new IllegalArgumentException(source + " grants '" + method + "', but endpoint '" + endpoint
						+ "' has no method '" + name + "' (its methods: " + String.join(", ", ids.keySet()) + ")");
			}
			if (!visible.containsKey(endpoint)) {
				visible.put(endpoint, new LinkedHashSet<>());
			}
			Set<String> granted = visible.get(endpoint);
			if (granted != null) {
				granted.add(name);
			}
		}
		int maxId = 0;
		for (Map<String, Integer> ids : idsByEndpoint.values()) {
			for (int id : ids.values()) {
				maxId = Math.max(maxId, id);
			}
		}
		boolean[] allowed = new boolean[maxId + 1];
		Map<String, @Nullable Set<String>> frozen = new LinkedHashMap<>();
		for (Map.Entry<String, @Nullable Set<String>> entry : visible.entrySet()) {
			Map<String, Integer> ids = idsByEndpoint.get(entry.getKey());
			Set<String> granted = entry.getValue();
			if (granted == null) {
				names.add(entry.getKey());
				ids.values().forEach((id) -> allowed[id] = true);
				frozen.put(entry.getKey(), null);
			}
			else {
				granted.forEach((name) -> {
					names.add(entry.getKey() + "." + name);
					allowed[ids.get(name)] = true;
				});
				frozen.put(entry.getKey(), Collections.unmodifiableSet(granted));
			}
		}
		return new Grant(index, Collections.unmodifiableList(names), Collections.unmodifiableMap(frozen), allowed);
	}

	/**
	 * Resolves a grant given as one list of names, as {@code lua.permissions.*} gives it:
	 * a name with a dot is a method ({@code clinic.find_owners}, {@code dice.*}), any
	 * other a whole endpoint.
	 * @param index the grant's index, unique among the grants that may meet on one state
	 * @param idsByEndpoint the method ids by Lua name, keyed by endpoint global
	 * @param names the endpoints and methods granted
	 * @param source where the names come from, for messages
	 * @return the grant
	 * @throws IllegalArgumentException if a name is blank, or is not an endpoint or
	 * method
	 */
	public static Grant resolve(int index, Map<String, Map<String, Integer>> idsByEndpoint, List<String> names,
			String source) {
		List<String> endpoints = new ArrayList<>();
		List<String> methods = new ArrayList<>();
		for (String name : names) {
			String entry = (name != null) ? name.strip() : "";
			if (entry.isEmpty()) {
				throw new IllegalArgumentException(source + ": an entry is blank in " + names
						+ "; name endpoints ('world') or methods ('clinic.find_owners', 'dice.*')");
			}
			(entry.contains(".") ? methods : endpoints).add(entry);
		}
		return resolve(index, idsByEndpoint, endpoints, methods, source);
	}

	private static Map<String, Integer> checkEndpoint(Map<String, Map<String, Integer>> idsByEndpoint, String endpoint,
			String name, String source) {
		Map<String, Integer> ids = idsByEndpoint.get(endpoint);
		if (ids == null) {
			throw new IllegalArgumentException(
					source + " grants '" + name + "', but there is no endpoint '" + endpoint + "' (endpoints: "
							+ (idsByEndpoint.isEmpty() ? "none" : String.join(", ", idsByEndpoint.keySet())) + ")");
		}
		return ids;
	}

	/**
	 * Returns the grant's index, by which a state keeps what it built for the grant.
	 * @return the index, from 0
	 */
	public int index() {
		return this.index;
	}

	/**
	 * Returns what is granted: endpoints granted whole by their global ({@code world}),
	 * single methods by their qualified name ({@code clinic.find_owners}).
	 * @return the names, in the order given
	 */
	public List<String> names() {
		return this.names;
	}

	/**
	 * Returns the endpoints the invocation's environment holds, each with the Lua names
	 * of its granted methods, or {@code null} for all of them.
	 * @return the visible endpoints, by global
	 */
	public Map<String, @Nullable Set<String>> visible() {
		return this.visible;
	}

	/**
	 * Returns whether the grant allows the method with the given id.
	 * @param id the id a proxy sent
	 * @return whether the resume loop may serve it
	 */
	public boolean allows(int id) {
		return id >= 0 && id < this.allowed.length && this.allowed[id];
	}

	/**
	 * Returns the error for a call to an endpoint method outside the grant.
	 * @param qualifiedName the method, as Lua names it
	 * @return the message
	 */
	public String refusal(String qualifiedName) {
		return qualifiedName + ": not granted to this invocation (granted: "
				+ (this.names.isEmpty() ? "nothing" : String.join(", ", this.names)) + ")";
	}

	@Override
	public String toString() {
		return "Grant" + this.names;
	}

}
