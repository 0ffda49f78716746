package dev.luayield.engine;

/**
 * A chunk did not compile. The message is Lua's own
 * ({@code eval:1: '=' expected near 'x'}).
 *
 * @since 0.1.0
 */
public class LuaCompileException extends RuntimeException {

	private final String chunkName;

	/**
	 * Creates an exception for a chunk that did not compile.
	 * @param chunkName the chunk name given to Lua
	 * @param message Lua's message
	 */
	public LuaCompileException(String chunkName, String message) {
		super(message);
		this.chunkName = chunkName;
	}

	/**
	 * Returns the chunk name given to Lua.
	 * @return the chunk name
	 */
	public String getChunkName() {
		return this.chunkName;
	}

}
