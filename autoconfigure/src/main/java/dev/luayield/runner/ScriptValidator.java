package dev.luayield.runner;

import java.util.ArrayList;
import java.util.List;

import dev.luayield.LuaScriptException;
import dev.luayield.engine.LuaCompileException;
import dev.luayield.engine.LuaVm;
import dev.luayield.pool.LuaThreadPool;
import dev.luayield.scripts.ScriptRepository;

/**
 * Compiles every named script once, so that a syntax error shows up when the application
 * starts rather than on the first request that runs the script. Compiling on a pooled
 * state also leaves it with the scripts ready to run.
 *
 * @since 0.1.0
 */
public final class ScriptValidator {

	private final LuaThreadPool pool;

	private final ScriptRepository scripts;

	/**
	 * Creates a validator.
	 * @param pool lends the state to compile on
	 * @param scripts the scripts to compile, {@link ScriptRepository#names() all of them}
	 */
	public ScriptValidator(LuaThreadPool pool, ScriptRepository scripts) {
		this.pool = pool;
		this.scripts = scripts;
	}

	/**
	 * Compiles every script the repository's sources list.
	 * @return one exception per script that does not compile, naming the script and,
	 * where Lua gives it, the line; empty when all compile
	 */
	public List<LuaScriptException> validate() {
		List<String> names = this.scripts.names();
		List<LuaScriptException> failures = new ArrayList<>();
		if (names.isEmpty()) {
			return failures;
		}
		LuaVm vm;
		try {
			vm = this.pool.borrowObject();
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot create a Lua state to compile the scripts: " + ex.getMessage(), ex);
		}
		try {
			for (String name : names) {
				try {
					vm.script(name, this.scripts);
				}
				catch (LuaCompileException ex) {
					failures.add(new LuaScriptException(name,
							DefaultLuaScriptRunner.lineOf(ex.getMessage(), name + ".lua"), ex.getMessage(), null));
				}
				catch (LuaScriptException ex) {
					// Listed, then gone or unreadable: the same error a run would get.
					failures.add(ex);
				}
			}
		}
		finally {
			this.pool.release(vm);
		}
		return failures;
	}

}
