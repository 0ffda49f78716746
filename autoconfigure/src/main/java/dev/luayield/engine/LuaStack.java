package dev.luayield.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import party.iroiro.luajava.LuaNatives;

/**
 * Direct access to one Lua thread's stack through LuaJava's JNI natives. The resume loop
 * and the converters go through here rather than LuaJava's {@code Lua} object because
 * that object's convenience methods poll reference queues and box values on every call,
 * which is most of the cost of an endpoint call.
 *
 * @since 0.1.0
 */
public final class LuaStack {

	public static final int TNONE = -1;

	public static final int TNIL = 0;

	public static final int TBOOLEAN = 1;

	public static final int TLIGHTUSERDATA = 2;

	public static final int TNUMBER = 3;

	public static final int TSTRING = 4;

	public static final int TTABLE = 5;

	static final int TFUNCTION = 6;

	static final int TUSERDATA = 7;

	static final int TTHREAD = 8;

	private static final String[] TYPE_NAMES = { "nil", "boolean", "userdata", "number", "string", "table", "function",
			"userdata", "thread" };

	public final LuaNatives natives;

	public final long pointer;

	private final StringDecoder decoder;

	/** What conversions on this thread may still copy; see {@link #resetBudget}. */
	public final ConversionBudget budget;

	LuaStack(LuaNatives natives, long pointer, StringDecoder decoder) {
		this(natives, pointer, decoder, new ConversionBudget());
	}

	/**
	 * Creates a stack that shares another's budget: a conversion moved to a scratch
	 * thread is still the same conversion.
	 */
	LuaStack(LuaNatives natives, long pointer, StringDecoder decoder, ConversionBudget budget) {
		this.natives = natives;
		this.pointer = pointer;
		this.decoder = decoder;
		this.budget = budget;
	}

	public void pushValue(int index) {
		this.natives.lua_pushvalue(this.pointer, index);
	}

	/**
	 * Moves the top {@code n} values of this stack onto another thread's stack.
	 * @param to the other stack
	 * @param n how many values
	 */
	public void moveTo(LuaStack to, int n) {
		this.natives.lua_xmove(this.pointer, to.pointer, n);
	}

	public int type(int index) {
		return this.natives.lua_type(this.pointer, index);
	}

	public static String typeName(int type) {
		return (type >= 0 && type < TYPE_NAMES.length) ? TYPE_NAMES[type] : "no value";
	}

	public int top() {
		return this.natives.lua_gettop(this.pointer);
	}

	public void setTop(int top) {
		this.natives.lua_settop(this.pointer, top);
	}

	public void pop(int n) {
		this.natives.lua_pop(this.pointer, n);
	}

	public double toNumber(int index) {
		return this.natives.lua_tonumber(this.pointer, index);
	}

	public boolean toBoolean(int index) {
		return this.natives.lua_toboolean(this.pointer, index) != 0;
	}

	/**
	 * Reads the string at {@code index}, which must be a Lua string. JNI's
	 * {@code NewStringUTF} only reads modified UTF-8, so strings holding NUL bytes,
	 * four-byte sequences or invalid UTF-8 take the slower path through a byte copy.
	 */
	public String toJavaString(int index) {
		return toJavaString(index, this.natives.luaJ_len(this.pointer, index));
	}

	/**
	 * Reads the string at {@code index}, which must be a Lua string, as a conversion
	 * does: its copy is charged to the budget before it is made.
	 * @throws ConversionLimitException if the budget does not hold the copy
	 */
	public String readString(int index, String path) {
		long bytes = this.natives.luaJ_len(this.pointer, index);
		this.budget.charge(ConversionBudget.STRING + bytes, path);
		return toJavaString(index, bytes);
	}

	private String toJavaString(int index, long bytes) {
		String fast = this.natives.lua_tostring(this.pointer, index);
		if (fast != null && utf8Length(fast) == bytes) {
			return fast;
		}
		return this.decoder.decode(this.natives, this.pointer, index);
	}

	public void pushNil() {
		this.natives.lua_pushnil(this.pointer);
	}

	public void pushBoolean(boolean value) {
		this.natives.lua_pushboolean(this.pointer, value ? 1 : 0);
	}

	public void pushInteger(long value) {
		this.natives.lua_pushinteger(this.pointer, value);
	}

	public void pushNumber(double value) {
		this.natives.lua_pushnumber(this.pointer, value);
	}

	/**
	 * Pushes a Java string as its UTF-8 bytes. JNI's {@code GetStringUTFChars} produces
	 * modified UTF-8, which differs from UTF-8 only for NUL and characters outside the
	 * BMP; those strings go through the state's byte decoder instead.
	 */
	public void pushString(String value) {
		if (isModifiedUtf8Safe(value)) {
			this.natives.luaJ_pushstring(this.pointer, value);
		}
		else {
			this.decoder.push(this.natives, this.pointer, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	public void pushLightUserdata(long value) {
		this.natives.lua_pushlightuserdata(this.pointer, value);
	}

	public void createTable(int arraySize, int hashSize) {
		this.natives.lua_createtable(this.pointer, arraySize, hashSize);
	}

	public void rawSet(int tableIndex) {
		this.natives.lua_rawset(this.pointer, tableIndex);
	}

	public void rawSetI(int tableIndex, int n) {
		this.natives.lua_rawseti(this.pointer, tableIndex, n);
	}

	public void rawGetI(int tableIndex, int n) {
		this.natives.luaJ_rawgeti(this.pointer, tableIndex, n);
	}

	public int next(int tableIndex) {
		return this.natives.lua_next(this.pointer, tableIndex);
	}

	long pointerOf(int index) {
		return this.natives.lua_topointer(this.pointer, index);
	}

	/**
	 * Starts an invocation's conversions on this thread: each may copy {@code units}, and
	 * none may go on past {@code deadlineNanos}.
	 * @param units the conversion budget, see {@link ConversionBudget#forMemoryLimit}
	 * @param deadlineNanos a {@link System#nanoTime()}, or {@code 0} for none
	 */
	public void resetBudget(long units, long deadlineNanos) {
		this.budget.reset(units, deadlineNanos);
	}

	public void ensure(int extra) {
		if (this.natives.lua_checkstack(this.pointer, extra) == 0) {
			throw new LuaConversionException("value nested too deeply for the Lua stack");
		}
	}

	int absolute(int index) {
		return (index > 0 || index <= this.natives.getRegistryIndex()) ? index : top() + index + 1;
	}

	private static boolean isModifiedUtf8Safe(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0 || Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	private static long utf8Length(String value) {
		long length = value.length();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= 0x80) {
				length += (c >= 0x800 && !Character.isSurrogate(c)) ? 2 : 1;
			}
		}
		return length;
	}

	/**
	 * Moves strings that JNI's modified UTF-8 cannot carry between Java and Lua.
	 */
	interface StringDecoder {

		String decode(LuaNatives natives, long pointer, int index);

		void push(LuaNatives natives, long pointer, byte[] utf8);

	}

	static String decodeUtf8(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * Formats a Lua number for a message: integral values without a fraction, as Lua
	 * prints them.
	 * @param value the number
	 * @return its text
	 */
	public static String formatNumber(double value) {
		boolean integral = value == Math.rint(value) && value >= -0x1p63 && value < 0x1p63;
		return integral ? Long.toString((long) value) : Double.toString(value);
	}

}
