package dev.luayield.endpoint;

import java.util.function.Supplier;

import dev.luayield.conversion.ValueReaders;

import org.springframework.util.function.SingletonSupplier;

/**
 * Holds the dispatch table, built from the discovered endpoints the first time it is
 * asked for. Building late lets endpoint beans depend on the
 * {@link dev.luayield.LuaScriptRunner} themselves (re-entrant scripts) without a cycle.
 *
 * @since 0.1.0
 */
public class LuaEndpointRegistry implements Supplier<DispatchTable> {

	private final SingletonSupplier<DispatchTable> table;

	/**
	 * Creates a registry.
	 * @param discoverer finds the endpoint beans
	 * @param readers decides how each parameter is read
	 */
	public LuaEndpointRegistry(LuaEndpointDiscoverer discoverer, ValueReaders readers) {
		this.table = SingletonSupplier.of(() -> DispatchTable.build(discoverer.findEndpoints(), readers));
	}

	/**
	 * Returns the dispatch table, building it on first use.
	 * @return the table
	 * @throws InvalidLuaEndpointException if an endpoint cannot be exposed as declared
	 */
	@Override
	public DispatchTable get() {
		return this.table.obtain();
	}

}
