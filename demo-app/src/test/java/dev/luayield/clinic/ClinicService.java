package dev.luayield.clinic;

import java.util.function.Consumer;
import java.util.function.Function;

import dev.luayield.LuaScriptRunner;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a petclinic service does with scripts: its own write, then a script, catching the
 * script's failure to carry on.
 */
@Service
public class ClinicService {

	private final OwnerRepository owners;

	private final LuaScriptRunner lua;

	public ClinicService(OwnerRepository owners, LuaScriptRunner lua) {
		this.owners = owners;
		this.lua = lua;
	}

	/**
	 * Registers an owner, then runs a script through the runner, handing any failure to
	 * the handler instead of letting it leave the method.
	 * @param lastName the new owner's last name
	 * @param call runs the script with the injected runner
	 * @param failure receives the script's failure
	 * @return the new owner's id
	 */
	@Transactional
	public long registerThenRun(String lastName, Function<LuaScriptRunner, Object> call,
			Consumer<RuntimeException> failure) {
		long id = this.owners.save(new Owner("George", lastName)).getId();
		try {
			call.apply(this.lua);
		}
		catch (RuntimeException ex) {
			failure.accept(ex);
		}
		return id;
	}

}
