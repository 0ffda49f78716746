package dev.luayield.autoconfigure.scan.clash;

import dev.luayield.annotation.LuaEndpoint;

/**
 * A scanned endpoint that claims the same Lua global as {@link ClinicOne}.
 */
@LuaEndpoint("clinic")
public class ClinicTwo {

	public int two() {
		return 2;
	}

}
