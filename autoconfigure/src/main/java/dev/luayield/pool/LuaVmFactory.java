package dev.luayield.pool;

import java.util.function.Supplier;

import dev.luayield.endpoint.DispatchTable;
import dev.luayield.engine.LuaVm;
import dev.luayield.sandbox.LuaVmSettings;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.jspecify.annotations.Nullable;

/**
 * Makes, checks and closes the pool's Lua states, and remembers whether the last attempt
 * to make one failed (what the health indicator reports).
 *
 * @since 0.1.0
 */
public class LuaVmFactory extends BasePooledObjectFactory<LuaVm> {

	private final Supplier<DispatchTable> dispatchTable;

	private final LuaVmSettings settings;

	private volatile Throwable lastCreationFailure;

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
	public PooledObject<LuaVm> makeObject() throws Exception {
		try {
			PooledObject<LuaVm> made = super.makeObject();
			this.lastCreationFailure = null;
			return made;
		}
		catch (Exception | Error ex) {
			this.lastCreationFailure = ex;
			throw ex;
		}
	}

	/**
	 * Returns why the last attempt to make a state failed.
	 * @return the failure, or {@code null} if the last attempt succeeded or none was made
	 */
	public @Nullable Throwable getLastCreationFailure() {
		return this.lastCreationFailure;
	}

	@Override
	public LuaVm create() {
		return new LuaVm(this.dispatchTable.get().idsByEndpoint(), this.settings);
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
