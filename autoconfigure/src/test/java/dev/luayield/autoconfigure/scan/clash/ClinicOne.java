package dev.luayield.autoconfigure.scan.clash;

import dev.luayield.annotation.LuaEndpoint;

/**
 * A scanned endpoint that claims the same Lua global as {@link ClinicTwo}.
 */
@LuaEndpoint("clinic")
public class ClinicOne {

	public int one() {
		return 1;
	}

}
