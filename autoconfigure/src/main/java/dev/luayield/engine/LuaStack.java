package dev.luayield.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
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

	private static final String TOO_DEEP = "value nested too deeply for the Lua stack";

	private static final String[] TYPE_NAMES = { "nil", "boolean", "userdata", "number", "string", "table", "function",
			"userdata", "thread" };

	public final LuaNatives natives;

	public final long pointer;

	private final StateStrings decoder;

	/** Whether the native shim ({@link NativeCalls}) does what it can for this stack. */
	private final boolean nativeCalls;

	/** What conversions on this thread may still copy; see {@link #resetBudget}. */
	public final ConversionBudget budget;

	LuaStack(LuaNatives natives, long pointer, StateStrings decoder, boolean nativeCalls) {
		this(natives, pointer, decoder, nativeCalls, new ConversionBudget());
	}

	/**
	 * Creates a stack that shares another's budget: a conversion moved to a scratch
	 * thread is still the same conversion.
	 */
	LuaStack(LuaNatives natives, long pointer, StateStrings decoder, boolean nativeCalls, ConversionBudget budget) {
		this.natives = natives;
		this.pointer = pointer;
		this.decoder = decoder;
		this.nativeCalls = nativeCalls;
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

	/**
	 * Empties another thread's stack and moves the top {@code n} values there.
	 * @param to the stack of another thread of the same state
	 * @param n how many values
	 * @throws LuaConversionException if {@code to} cannot grow to hold them; nothing
	 * moved
	 */
	public void moveToEmpty(LuaStack to, int n) {
		if (this.nativeCalls) {
			if (!NativeCalls.moveToEmpty0(this.pointer, to.pointer, n)) {
				throw new LuaConversionException(TOO_DEEP);
			}
			return;
		}
		to.setTop(0);
		to.ensure(n);
		moveTo(to, n);
	}

	/**
	 * Reads a table as a record: counts its keys and pushes the raw value of each named
	 * field, in order, running no metamethod.
	 * @param index the table's index
	 * @param names the field names; the same array for every read of one record type,
	 * since the state keeps the names interned by it
	 * @return the key count in bits 0-31, how many of the values are not {@code nil} in
	 * bits 32-47, and the index of the first value in bits 48-63 (a stack holds at most
	 * 65,500); the caller pops the {@code names.length} values
	 * @throws LuaConversionException if the stack cannot hold the values
	 */
	public long pushFields(int index, String[] names) {
		int table = absolute(index);
		int[] keys = (this.nativeCalls && names.length <= NativeCalls.MAX_FIELDS) ? this.decoder.keys(names) : null;
		if (keys != null) {
			long fields = NativeCalls.fields0(this.pointer, table, keys);
			// Not "< 0": a first index from 32,768 up sets the sign bit.
			if (fields == -1) {
				throw new LuaConversionException(TOO_DEEP);
			}
			return fields;
		}
		ensure(names.length + 2);
		long count = 0;
		pushNil();
		while (next(table) != 0) {
			count++;
			pop(1);
		}
		int first = top() + 1;
		int present = 0;
		for (String name : names) {
			pushString(name);
			this.natives.luaJ_rawget(this.pointer, table);
			if (type(-1) > TNIL) {
				present++;
			}
		}
		return ((long) first << 48) | ((long) present << 32) | (count & 0xffffffffL);
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
			throw new LuaConversionException(TOO_DEEP);
		}
	}

	/**
	 * Returns an index that stays valid as values are pushed: a negative one counted from
	 * the current top, pseudo-indices as they are.
	 * @param index the index
	 * @return the absolute index
	 */
	public int absolute(int index) {
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
	 * Strings that need the whole state: those JNI's modified UTF-8 cannot carry between
	 * Java and Lua, and field names kept in the registry for {@link #pushFields}.
	 */
	interface StateStrings {

		String decode(LuaNatives natives, long pointer, int index);

		void push(LuaNatives natives, long pointer, byte[] utf8);

		/**
		 * Returns the registry references of the names, made on first use; or
		 * {@code null} when the state keeps no more of them.
		 */
		int @Nullable [] keys(String[] names);

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
