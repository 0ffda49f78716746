package dev.luayield.autoconfigure.scan.single;

import dev.luayield.annotation.LuaEndpoint;

/**
 * A scanned endpoint whose Lua global is also the name of an unrelated bean.
 */
@LuaEndpoint("clinic")
public class ClinicEndpoint {

	public int visits() {
		return 3;
	}

}
