package dev.luayield.pool;

import java.util.function.Supplier;

import dev.luayield.runtime.DispatchTable;
import dev.luayield.runtime.LuaVm;
import dev.luayield.runtime.LuaVmSettings;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;

/**
 * Makes, checks and closes the pool's Lua states.
 */
public class LuaVmFactory extends BasePooledObjectFactory<LuaVm> {

	private final Supplier<DispatchTable> dispatchTable;

	private final LuaVmSettings settings;

	/**
	 * Creates a factory.
	 * @param dispatchTable supplies the endpoints each state exposes; asked on first
	 * creation, so endpoints may themselves depend on the runner
	 * @param settings how each state is set up
	 */
	public LuaVmFactory(Supplier<DispatchTable> dispatchTable, LuaVmSettings settings) {
		this.dispatchTable = dispatchTable;
		this.settings = settings;
	}

	@Override
	public LuaVm create() {
		return new LuaVm(this.dispatchTable.get(), this.settings);
	}

	@Override
	public PooledObject<LuaVm> wrap(LuaVm vm) {
		return new DefaultPooledObject<>(vm);
	}

	@Override
	public boolean validateObject(PooledObject<LuaVm> pooled) {
		return pooled.getObject().isUsable();
	}

	@Override
	public void destroyObject(PooledObject<LuaVm> pooled) {
		pooled.getObject().close();
	}

}
