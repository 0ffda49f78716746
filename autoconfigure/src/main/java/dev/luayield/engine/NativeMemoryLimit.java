package dev.luayield.engine;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import party.iroiro.luajava.luajit.LuaJit;

/**
 * A hard memory limit for one LuaJIT state: the project's native shim wraps the state's
 * allocator with one that counts the bytes the state holds and, while armed, refuses any
 * growth past the limit. LuaJIT turns the refusal into its own "not enough memory" error
 * ({@code LUA_ERRMEM}), which unwinds safely only inside a protected call or a resume, so
 * callers arm the limit just around those and keep it disarmed around every other C API
 * call, including those a Java function called from Lua makes.
 * <p>
 * A refusal also sets a flag that stays set until {@link #clearExceeded() cleared}: a
 * script can swallow the error with {@code pcall}, and the JIT swallows errors while it
 * records a trace, but neither clears the flag. Lua code can read the flag through the
 * FFI at {@link #flagAddress()}.
 * <p>
 * Arming, disarming and reading go straight to the native counters through a direct
 * buffer, without a JNI call. An instance belongs to the thread that runs its state, and
 * must be {@link #close() closed} before the state is.
 * <p>
 * The shim also lets another thread {@link #interrupt(long) interrupt} the state, for
 * {@link Watchdog}: a count hook then raises an error on every instruction of the
 * invocation whose {@link #startRun(long) generation} it was asked to end, and of no
 * other.
 * <p>
 * Where the shim is missing (another platform, or a build without a C compiler), cannot
 * load, or is switched off with {@code -Dluayield.native-memory-limit=false},
 * {@link #isAvailable()} is {@code false} and the reason is logged once at DEBUG.
 *
 * @since 0.1.0
 */
public final class NativeMemoryLimit implements AutoCloseable {

	/** The system property that, set to {@code false}, keeps the shim from loading. */
	public static final String ENABLED_PROPERTY = "luayield.native-memory-limit";

	// Offsets into the shim's struct; luayield_native.c asserts the same layout.
	private static final int ARMED = 0;

	private static final int EXCEEDED = 4;

	private static final int USED = 8;

	private static final int LIMIT = 16;

	private static final int RUN_GENERATION = 24;

	private static final int KILL_GENERATION = 32;

	/**
	 * Ordered access to the generations, which the watchdog's thread and the hook share.
	 */
	private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

	private final long state;

	private final long address;

	private ByteBuffer view;

	private NativeMemoryLimit(long state, long address, ByteBuffer view) {
		this.state = state;
		this.address = address;
		this.view = view;
	}

	/**
	 * Returns whether the shim is loaded and found LuaJIT's allocator functions. The
	 * first call loads LuaJava's natives if nothing has yet.
	 * @return {@code true} if {@link #install} can be used
	 */
	public static boolean isAvailable() {
		return Loader.AVAILABLE;
	}

	/**
	 * Wraps a state's allocator with a disarmed limit.
	 * @param luaState the {@code lua_State} pointer of the main thread or any coroutine
	 * of the state (they share one allocator)
	 * @param usedBytes what the state holds now, as LuaJIT counts it
	 * ({@code lua_gc(L, LUA_GCCOUNT) * 1024 + lua_gc(L, LUA_GCCOUNTB)})
	 * @param limitBytes how many bytes the state may hold while armed
	 * @return the limit, to close before the state is closed
	 * @throws IllegalStateException if the shim is not available, or the state is already
	 * guarded
	 */
	static NativeMemoryLimit install(long luaState, long usedBytes, long limitBytes) {
		if (!isAvailable()) {
			throw new IllegalStateException("The native memory limit is not available: " + Loader.reason);
		}
		if (luaState == 0) {
			throw new IllegalArgumentException("The Lua state pointer must not be 0");
		}
		long address = install0(luaState, usedBytes, limitBytes);
		if (address == 0) {
			throw new IllegalStateException("Could not guard the Lua state: it is already guarded, or out of memory");
		}
		ByteBuffer view = ((ByteBuffer) view0(address)).order(ByteOrder.nativeOrder());
		return new NativeMemoryLimit(luaState, address, view);
	}

	/**
	 * Starts refusing growth past the limit. Only while the state runs inside a protected
	 * call or a resume.
	 */
	void arm() {
		view().putInt(ARMED, 1);
	}

	/**
	 * Lets every allocation through again, for C API calls outside a protected call.
	 */
	void disarm() {
		view().putInt(ARMED, 0);
	}

	/**
	 * Returns whether an allocation was refused since the limit was installed or the flag
	 * last cleared, whether or not the script caught the error.
	 * @return {@code true} after a refusal
	 */
	boolean exceeded() {
		return view().getInt(EXCEEDED) != 0;
	}

	/**
	 * Clears the flag {@link #exceeded()} reads, for a state that is kept after a
	 * refusal.
	 */
	void clearExceeded() {
		view().putInt(EXCEEDED, 0);
	}

	/**
	 * Returns how many bytes the state holds by the allocator's count.
	 * @return the bytes held
	 */
	long used() {
		return view().getLong(USED);
	}

	/**
	 * Returns how many bytes the state may hold while armed.
	 * @return the limit in bytes
	 */
	long limit() {
		return view().getLong(LIMIT);
	}

	/**
	 * Changes the limit; a limit below what the state holds refuses every growth.
	 * @param limitBytes the new limit in bytes
	 */
	void setLimit(long limitBytes) {
		view().putLong(LIMIT, limitBytes);
	}

	/**
	 * Tells the hook which invocation runs now; each gets a generation of its own, and
	 * the time between them another, so that an interruption meant for one never reaches
	 * anything else. Only from the thread that runs the state.
	 * @param generation the generation
	 */
	void startRun(long generation) {
		ByteBuffer view = view();
		// A release store, as LONGS.setRelease would make it: the fence and a plain
		// store cost less than the view's checks for an atomic access, twice per
		// invocation.
		VarHandle.releaseFence();
		view.putLong(RUN_GENERATION, generation);
	}

	/**
	 * Returns whether the watchdog asked to end the given generation.
	 * @param generation the generation
	 * @return {@code true} once {@link #interrupt(long)} succeeded for it
	 */
	boolean interrupted(long generation) {
		return (long) LONGS.getAcquire(view(), KILL_GENERATION) == generation;
	}

	/**
	 * Sets the hook that ends the given generation, if it still runs. Safe from any
	 * thread while the limit is open; after {@link #close()} it does nothing.
	 * @param generation the generation to end
	 * @return {@code true} if the hook was set
	 */
	synchronized boolean interrupt(long generation) {
		if (this.view == null) {
			return false;
		}
		return interrupt0(this.state, this.address, generation);
	}

	/**
	 * Removes the hook {@link #interrupt(long)} set, if it is still there: before Java
	 * touches a state that was interrupted again.
	 */
	synchronized void clearInterrupt() {
		if (this.view != null) {
			clearInterrupt0(this.state, this.address);
		}
	}

	/**
	 * Returns the address of the {@code int32_t} flag {@link #exceeded()} reads, for Lua
	 * code: {@code ffi.cast("int32_t *", address)[0] ~= 0} after a refusal. Valid until
	 * {@link #close()}.
	 * @return the flag's address
	 */
	/**
	 * Returns the address of the shim's struct, for {@link NativeCalls} to arm it.
	 * @return the address
	 * @throws IllegalStateException if the limit is closed, and the struct freed
	 */
	long address() {
		view();
		return this.address;
	}

	long flagAddress() {
		view();
		return this.address + EXCEEDED;
	}

	/**
	 * Puts the state's own allocator back and frees the counters. Idempotent; must come
	 * before {@code lua_close}, which would otherwise free the state through the guard.
	 * @throws IllegalStateException if something replaced the allocator after the limit
	 * was installed (the counters are then left allocated, since it may still call them)
	 */
	@Override
	public synchronized void close() {
		if (this.view == null) {
			return;
		}
		// The buffer points at memory the shim is
		// about to free: nothing may read it again.
		this.view = null;
		if (!uninstall0(this.state, this.address)) {
			throw new IllegalStateException("The Lua state's allocator was replaced after the limit was installed");
		}
	}

	private ByteBuffer view() {
		ByteBuffer view = this.view;
		if (view == null) {
			throw new IllegalStateException("The native memory limit is closed");
		}
		return view;
	}

	private static native String link0();

	private static native long install0(long luaState, long usedBytes, long limitBytes);

	private static native Object view0(long address);

	private static native boolean uninstall0(long luaState, long address);

	private static native boolean interrupt0(long luaState, long address, long generation);

	private static native void clearInterrupt0(long luaState, long address);

	/**
	 * Loads the shim once, on first use; a failure leaves the limit unavailable rather
	 * than failing whatever asked.
	 */
	private static final class Loader {

		private static final Logger logger = LoggerFactory.getLogger(NativeMemoryLimit.class);

		static String reason;

		static final boolean AVAILABLE = load();

		private static boolean load() {
			if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY))) {
				return unavailable("switched off with -D" + ENABLED_PROPERTY + "=false");
			}
			String platform = platform();
			URL resource = (platform != null)
					? NativeMemoryLimit.class.getResource("native/" + platform + "/libluayield.so") : null;
			if (resource == null) {
				return unavailable("no libluayield.so for "
						+ ((platform != null) ? platform
								: System.getProperty("os.name") + "-" + System.getProperty("os.arch"))
						+ " on the class path (built without a C compiler, or another platform)");
			}
			try {
				// The shim looks for LuaJIT among the loaded objects,
				// so LuaJava's natives must be loaded first; a
				// throwaway state is the public way to do that.
				new LuaJit().close();
				Path file = Files.createTempFile("libluayield", ".so");
				try {
					try (InputStream in = resource.openStream()) {
						Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
					}
					System.load(file.toAbsolutePath().toString());
				}
				finally {
					// Once mapped, the file is no longer needed; nothing is left in /tmp.
					Files.deleteIfExists(file);
				}
				String luajit = link0();
				if (luajit == null) {
					return unavailable(
							"LuaJava's LuaJIT (lua_getallocf, lua_setallocf) is not among the loaded objects");
				}
				logger.debug("Native memory limit available, guarding LuaJIT's allocator in {}", luajit);
				return true;
			}
			catch (Exception | LinkageError ex) {
				return unavailable("the shim did not load: " + ex);
			}
		}

		private static String platform() {
			String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
			if (!os.startsWith("linux")) {
				return null;
			}
			return switch (System.getProperty("os.arch", "")) {
				case "amd64", "x86_64" -> "linux-x86_64";
				case "aarch64" -> "linux-aarch64";
				default -> null;
			};
		}

		private static boolean unavailable(String why) {
			reason = why;
			logger.debug("Native memory limit unavailable: {}", why);
			return false;
		}

	}

}
