/*
 * LuaYield's native shim for the LuaJIT that LuaJava bundles, in three parts: a counting
 * allocator (LuaJava binds neither lua_getallocf nor lua_setallocf although its native
 * library exports both), the watchdog's hook, and the resume loop's hot path in fewer JNI
 * calls than LuaJava's bindings need.
 *
 * The guard wraps the state's allocator. While Java has it armed (only while the state
 * runs inside a protected call or a resume, where LuaJIT turns a refused allocation into
 * a catchable LUA_ERRMEM), growth past the limit is refused and the refusal is recorded
 * in a flag that a pcall in the script cannot clear. Frees and shrinks always pass.
 *
 * The same struct carries the watchdog's two generations (see the watchdog below): the
 * hook that interrupts a state finds the struct through the state's allocator, since a
 * LuaJIT hook gets no user data of its own.
 *
 * Java reads and writes the first six fields through a direct ByteBuffer, and Lua can
 * read the flag through the FFI, so their order and layout are part of the contract.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <link.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The two LuaJIT declarations we need; LuaJIT's headers are not part of the build. */
typedef struct lua_State lua_State;
typedef void *(*lua_Alloc)(void *ud, void *ptr, size_t osize, size_t nsize);
typedef lua_Alloc (*getallocf_fn)(lua_State *L, void **ud);
typedef void (*setallocf_fn)(lua_State *L, lua_Alloc f, void *ud);
typedef struct lua_Debug lua_Debug;
typedef void (*lua_Hook)(lua_State *L, lua_Debug *ar);
typedef int (*sethook_fn)(lua_State *L, lua_Hook f, int mask, int count);
typedef lua_Hook (*gethook_fn)(lua_State *L);
typedef void (*pushstring_fn)(lua_State *L, const char *s);
typedef int (*error_fn)(lua_State *L);
typedef void (*settop_fn)(lua_State *L, int index);
typedef int (*gettop_fn)(lua_State *L);
typedef int (*checkstack_fn)(lua_State *L, int extra);
typedef void (*rawgeti_fn)(lua_State *L, int index, int n);
typedef void (*pushnumber_fn)(lua_State *L, double n);
typedef void (*pushnil_fn)(lua_State *L);
typedef int (*pushthread_fn)(lua_State *L);
typedef double (*tonumber_fn)(lua_State *L, int index);
typedef int (*resume_fn)(lua_State *L, int nargs);
typedef int (*next_fn)(lua_State *L, int index);
typedef void (*rawget_fn)(lua_State *L, int index);
typedef int (*type_fn)(lua_State *L, int index);
typedef void (*xmove_fn)(lua_State *from, lua_State *to, int n);

#define LUA_MASKCOUNT (1 << 3)
/* Lua 5.1's, and so LuaJIT's, pseudo-index of the registry. */
#define LUA_REGISTRYINDEX (-10000)
#define LUA_OK 0
#define LUA_YIELD 1

typedef struct {
	int32_t armed;
	int32_t exceeded;
	int64_t used;
	int64_t limit;
	/* The invocation the state runs now; Java writes it, the hook compares. */
	int64_t run_generation;
	/* The invocation the watchdog asked to end; written under the lock. */
	int64_t kill_generation;
	lua_Alloc original;
	void *original_ud;
	/* Serialises every lua_sethook on the state: the watchdog's, Java's and the hook's own. */
	pthread_mutex_t hook_lock;
} luayield_guard;

/* Java's view is exactly these 24 bytes; a layout change must fail the build, not Java. */
_Static_assert(offsetof(luayield_guard, armed) == 0, "armed at 0");
_Static_assert(offsetof(luayield_guard, exceeded) == 4, "exceeded at 4");
_Static_assert(offsetof(luayield_guard, used) == 8, "used at 8");
_Static_assert(offsetof(luayield_guard, limit) == 16, "limit at 16");
_Static_assert(offsetof(luayield_guard, run_generation) == 24, "run_generation at 24");
_Static_assert(offsetof(luayield_guard, kill_generation) == 32, "kill_generation at 32");

#define LUAYIELD_VIEW_BYTES 40

static getallocf_fn lj_getallocf;
static setallocf_fn lj_setallocf;
static sethook_fn lj_sethook;
static gethook_fn lj_gethook;
static pushstring_fn lj_pushstring;
static error_fn lj_error;
static settop_fn lj_settop;
static gettop_fn lj_gettop;
static checkstack_fn lj_checkstack;
static rawgeti_fn lj_rawgeti;
static pushnumber_fn lj_pushnumber;
static pushnil_fn lj_pushnil;
static pushthread_fn lj_pushthread;
static tonumber_fn lj_tonumber;
static resume_fn lj_resume;
static next_fn lj_next;
static rawget_fn lj_rawget;
static type_fn lj_type;
static xmove_fn lj_xmove;
static char lj_path[4096];

static void *guarded_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	luayield_guard *guard = (luayield_guard *)ud;
	/* Without a block, osize says nothing about memory held (Lua 5.4 puts a type there). */
	size_t held = (ptr != NULL) ? osize : 0;
	void *result;
	if (nsize <= held) {
		result = guard->original(guard->original_ud, ptr, osize, nsize);
		/* A shrink that failed left the old block in place, still held. */
		if (result != NULL || nsize == 0) {
			guard->used -= (int64_t)(held - nsize);
		}
		return result;
	}
	size_t growth = nsize - held;
	if (guard->armed != 0) {
		/* Compared as headroom so that a huge request cannot wrap the sum around. */
		int64_t headroom = guard->limit - guard->used;
		if (headroom < 0 || (uint64_t)growth > (uint64_t)headroom) {
			guard->exceeded = 1;
			return NULL;
		}
	}
	result = guard->original(guard->original_ud, ptr, osize, nsize);
	if (result != NULL) {
		guard->used += (int64_t)growth;
	}
	return result;
}

/*
 * The watchdog. A loop whose every pass is one long C call (s:upper() on a huge string)
 * reaches the clock checks compiled into scripts too rarely, so a Java thread that sees an
 * invocation far past its deadline sets a count hook on the state from outside, as
 * luajit.c's SIGINT handler does: the hook then fires before the next bytecode the VM
 * thread runs, in whichever coroutine, and raises an error there on every instruction
 * until the coroutine is dead.
 *
 * Why setting it from another thread is safe enough: lua_sethook (lj_dispatch.c) only
 * stores hookf, hookcount/hookcstart and the event bits of hookmask, clears the JIT's
 * "active" state bit (lj_trace_abort, which the trace recorder is built to see at any
 * time: trace_state's "aborted asynchronously" case) and, in lj_dispatch_update, rewrites
 * the dispatch table one aligned pointer at a time. The VM thread reads those with plain
 * loads between instructions; a torn moment only means some opcodes still dispatch
 * without the hook for a while. The VM thread itself writes hookmask only around hooks
 * and finalizers, so a racing update can at worst lose the hook bit, which is why the
 * watchdog sets the hook again on every tick until Java has seen the invocation end. All
 * calls to lua_sethook on the state are under hook_lock, so no two of them interleave.
 * Hooks are per global state and do not fire inside compiled traces: with the JIT on,
 * the countdowns compiled into scripts remain the limit there.
 */
static const char *const TIMEOUT_MESSAGE = "luayield: the script exceeded its time limit";

static void watchdog_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	void *ud = NULL;
	if (lj_getallocf(L, &ud) != guarded_alloc) {
		lj_sethook(L, NULL, 0, 0);
		return;
	}
	luayield_guard *guard = (luayield_guard *)ud;
	pthread_mutex_lock(&guard->hook_lock);
	/*
	 * The race guard: the watchdog may set the hook just after the invocation it meant to
	 * end has ended; the next one, or Java's own calls between invocations, must not fail.
	 */
	int kill = __atomic_load_n(&guard->kill_generation, __ATOMIC_ACQUIRE)
			== __atomic_load_n(&guard->run_generation, __ATOMIC_ACQUIRE);
	if (!kill) {
		lj_sethook(L, NULL, 0, 0);
	}
	pthread_mutex_unlock(&guard->hook_lock);
	if (kill) {
		/* Unwinds through this frame, which the build compiles with unwind tables. */
		lj_pushstring(L, TIMEOUT_MESSAGE);
		lj_error(L);
	}
}

static int find_luajit(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	(void)data;
	const char *name = info->dlpi_name;
	if (name == NULL || strstr(name, "luajit") == NULL) {
		return 0;
	}
	/* NOLOAD: only a library that is already there, never a second copy of LuaJIT. */
	void *handle = dlopen(name, RTLD_NOW | RTLD_NOLOAD);
	if (handle == NULL) {
		return 0;
	}
	void *get = dlsym(handle, "lua_getallocf");
	void *set = dlsym(handle, "lua_setallocf");
	/* The LuaJava build, not some other LuaJIT that happens to be mapped. */
	void *luajava = dlsym(handle, "Java_party_iroiro_luajava_luajit_LuaJitNatives_initBindings");
	void *sethook = dlsym(handle, "lua_sethook");
	void *gethook = dlsym(handle, "lua_gethook");
	void *pushstring = dlsym(handle, "lua_pushstring");
	void *error = dlsym(handle, "lua_error");
	void *settop = dlsym(handle, "lua_settop");
	void *gettop = dlsym(handle, "lua_gettop");
	void *checkstack = dlsym(handle, "lua_checkstack");
	void *rawgeti = dlsym(handle, "lua_rawgeti");
	void *pushnumber = dlsym(handle, "lua_pushnumber");
	void *pushnil = dlsym(handle, "lua_pushnil");
	void *pushthread = dlsym(handle, "lua_pushthread");
	void *tonumber = dlsym(handle, "lua_tonumber");
	void *resume = dlsym(handle, "lua_resume");
	void *next = dlsym(handle, "lua_next");
	void *rawget = dlsym(handle, "lua_rawget");
	void *type_of = dlsym(handle, "lua_type");
	void *xmove = dlsym(handle, "lua_xmove");
	if (get == NULL || set == NULL || luajava == NULL || sethook == NULL || gethook == NULL || pushstring == NULL
			|| error == NULL || settop == NULL || gettop == NULL || checkstack == NULL || rawgeti == NULL
			|| pushnumber == NULL || pushnil == NULL || pushthread == NULL || tonumber == NULL || resume == NULL
			|| next == NULL || rawget == NULL || type_of == NULL || xmove == NULL) {
		dlclose(handle);
		return 0;
	}
	/*
	 * The handle stays open: it keeps the library mapped for as long as guards may call
	 * into it, even if the class loader that loaded LuaJava went away.
	 */
	lj_getallocf = (getallocf_fn)get;
	lj_setallocf = (setallocf_fn)set;
	lj_sethook = (sethook_fn)sethook;
	lj_gethook = (gethook_fn)gethook;
	lj_pushstring = (pushstring_fn)pushstring;
	lj_error = (error_fn)error;
	lj_settop = (settop_fn)settop;
	lj_gettop = (gettop_fn)gettop;
	lj_checkstack = (checkstack_fn)checkstack;
	lj_rawgeti = (rawgeti_fn)rawgeti;
	lj_pushnumber = (pushnumber_fn)pushnumber;
	lj_pushnil = (pushnil_fn)pushnil;
	lj_pushthread = (pushthread_fn)pushthread;
	lj_tonumber = (tonumber_fn)tonumber;
	lj_resume = (resume_fn)resume;
	lj_next = (next_fn)next;
	lj_rawget = (rawget_fn)rawget;
	lj_type = (type_fn)type_of;
	lj_xmove = (xmove_fn)xmove;
	strncpy(lj_path, name, sizeof(lj_path) - 1);
	return 1;
}

JNIEXPORT jstring JNICALL Java_dev_luayield_engine_NativeMemoryLimit_link0(JNIEnv *env, jclass type)
{
	(void)type;
	if (lj_getallocf == NULL) {
		dl_iterate_phdr(find_luajit, NULL);
	}
	if (lj_getallocf == NULL) {
		return NULL;
	}
	return (*env)->NewStringUTF(env, lj_path);
}

JNIEXPORT jlong JNICALL Java_dev_luayield_engine_NativeMemoryLimit_install0(JNIEnv *env, jclass type,
		jlong state, jlong used, jlong limit)
{
	(void)env;
	(void)type;
	lua_State *L = (lua_State *)(intptr_t)state;
	if (lj_getallocf == NULL || L == NULL) {
		return 0;
	}
	void *ud = NULL;
	lua_Alloc current = lj_getallocf(L, &ud);
	/* A second guard would count everything twice and make the order of closes matter. */
	if (current == guarded_alloc) {
		return 0;
	}
	luayield_guard *guard = calloc(1, sizeof(luayield_guard));
	if (guard == NULL) {
		return 0;
	}
	guard->used = used;
	guard->limit = limit;
	guard->original = current;
	guard->original_ud = ud;
	if (pthread_mutex_init(&guard->hook_lock, NULL) != 0) {
		free(guard);
		return 0;
	}
	lj_setallocf(L, guarded_alloc, guard);
	return (jlong)(intptr_t)guard;
}

JNIEXPORT jobject JNICALL Java_dev_luayield_engine_NativeMemoryLimit_view0(JNIEnv *env, jclass type,
		jlong address)
{
	(void)type;
	return (*env)->NewDirectByteBuffer(env, (void *)(intptr_t)address, LUAYIELD_VIEW_BYTES);
}

JNIEXPORT jboolean JNICALL Java_dev_luayield_engine_NativeMemoryLimit_uninstall0(JNIEnv *env, jclass type,
		jlong state, jlong address)
{
	(void)env;
	(void)type;
	lua_State *L = (lua_State *)(intptr_t)state;
	luayield_guard *guard = (luayield_guard *)(intptr_t)address;
	if (lj_getallocf == NULL || L == NULL || guard == NULL) {
		return JNI_FALSE;
	}
	void *ud = NULL;
	lua_Alloc current = lj_getallocf(L, &ud);
	/*
	 * Someone replaced the allocator after us and may still call into the guard: leaking
	 * it is the only safe choice.
	 */
	if (current != guarded_alloc || ud != guard) {
		return JNI_FALSE;
	}
	/* A hook left behind would look for the guard through the allocator it no longer has. */
	pthread_mutex_lock(&guard->hook_lock);
	if (lj_gethook(L) == watchdog_hook) {
		lj_sethook(L, NULL, 0, 0);
	}
	pthread_mutex_unlock(&guard->hook_lock);
	lj_setallocf(L, guard->original, guard->original_ud);
	pthread_mutex_destroy(&guard->hook_lock);
	free(guard);
	return JNI_TRUE;
}

JNIEXPORT jboolean JNICALL Java_dev_luayield_engine_NativeMemoryLimit_interrupt0(JNIEnv *env, jclass type,
		jlong state, jlong address, jlong generation)
{
	(void)env;
	(void)type;
	lua_State *L = (lua_State *)(intptr_t)state;
	luayield_guard *guard = (luayield_guard *)(intptr_t)address;
	if (lj_sethook == NULL || L == NULL || guard == NULL) {
		return JNI_FALSE;
	}
	jboolean set = JNI_FALSE;
	pthread_mutex_lock(&guard->hook_lock);
	/* Only while that invocation still runs; the hook checks again where it fires. */
	if (__atomic_load_n(&guard->run_generation, __ATOMIC_ACQUIRE) == generation) {
		__atomic_store_n(&guard->kill_generation, generation, __ATOMIC_RELEASE);
		lj_sethook(L, watchdog_hook, LUA_MASKCOUNT, 1);
		set = JNI_TRUE;
	}
	pthread_mutex_unlock(&guard->hook_lock);
	return set;
}

JNIEXPORT void JNICALL Java_dev_luayield_engine_NativeMemoryLimit_clearInterrupt0(JNIEnv *env, jclass type,
		jlong state, jlong address)
{
	(void)env;
	(void)type;
	lua_State *L = (lua_State *)(intptr_t)state;
	luayield_guard *guard = (luayield_guard *)(intptr_t)address;
	if (lj_sethook == NULL || L == NULL || guard == NULL) {
		return;
	}
	pthread_mutex_lock(&guard->hook_lock);
	if (lj_gethook(L) == watchdog_hook) {
		lj_sethook(L, NULL, 0, 0);
	}
	pthread_mutex_unlock(&guard->hook_lock);
}

/*
 * The resume loop's hot path, one JNI call where LuaJava needs several: a JNI call costs
 * more than the Lua API call it makes, and starting an empty invocation took eight of them,
 * each endpoint request three (see docs/performance.md). Only plain stack operations that
 * run no Lua code, so none of them can raise; the one that allocates (lua_checkstack)
 * runs disarmed, as LuaJava's own would.
 */

/*
 * Empties the coroutine's stack, makes room for `extra` values and pushes what the
 * trampoline is resumed with: itself, the chunk, the budget, the deadline, the grant (nil
 * for the reference 0) and the coroutine itself when `announce` is set (nil otherwise).
 * Returns false, with nothing pushed, when the stack cannot grow.
 */
JNIEXPORT jboolean JNICALL Java_dev_luayield_engine_NativeCalls_begin0(JNIEnv *env, jclass type, jlong state,
		jint extra, jint trampoline, jint chunk, jdouble budget, jdouble deadline, jint grant, jboolean announce)
{
	(void)env;
	(void)type;
	lua_State *L = (lua_State *)(intptr_t)state;
	lj_settop(L, 0);
	if (!lj_checkstack(L, extra)) {
		return JNI_FALSE;
	}
	lj_rawgeti(L, LUA_REGISTRYINDEX, trampoline);
	lj_rawgeti(L, LUA_REGISTRYINDEX, chunk);
	lj_pushnumber(L, budget);
	lj_pushnumber(L, deadline);
	if (grant != 0) {
		lj_rawgeti(L, LUA_REGISTRYINDEX, grant);
	}
	else {
		lj_pushnil(L);
	}
	if (announce) {
		lj_pushthread(L);
	}
	else {
		lj_pushnil(L);
	}
	return JNI_TRUE;
}

/* Java's (int) of a double, which C leaves undefined outside int's range. */
static int32_t java_int(double n)
{
	if (n != n) {
		return 0;
	}
	if (n >= 2147483647.0) {
		return INT32_MAX;
	}
	if (n <= -2147483648.0) {
		return INT32_MIN;
	}
	return (int32_t)n;
}

/*
 * Resumes the coroutine, with the memory limit armed around it when `address` is a guard,
 * and returns what the resume loop reads next, packed: the status in bits 0-7, the stack
 * top in bits 8-31 and, as a Java int in bits 32-63, the number a request carries at
 * index 2 (its id) or a finished trampoline at index 1 (its outcome), 0 where there is none.
 */
JNIEXPORT jlong JNICALL Java_dev_luayield_engine_NativeCalls_resume0(JNIEnv *env, jclass type, jlong state,
		jlong address, jint nargs)
{
	(void)env;
	(void)type;
	lua_State *L = (lua_State *)(intptr_t)state;
	luayield_guard *guard = (luayield_guard *)(intptr_t)address;
	if (guard != NULL) {
		guard->armed = 1;
	}
	int status = lj_resume(L, nargs);
	if (guard != NULL) {
		guard->armed = 0;
	}
	int top = lj_gettop(L);
	int at = (status == LUA_YIELD) ? 2 : (status == LUA_OK) ? 1 : 0;
	int32_t number = (at != 0 && top >= at) ? java_int(lj_tonumber(L, at)) : 0;
	return (jlong)(((uint64_t)(uint32_t)number << 32) | ((uint64_t)(top & 0xffffff) << 8)
			| (uint64_t)(status & 0xff));
}

/*
 * Moves the top `n` values of a suspended coroutine onto the scratch thread, emptied first
 * and grown to hold them (see LuaVm.scratchStack). Returns false, moving nothing, when
 * the scratch thread cannot grow that far.
 */
JNIEXPORT jboolean JNICALL Java_dev_luayield_engine_NativeCalls_moveToEmpty0(JNIEnv *env, jclass type,
		jlong from, jlong to, jint n)
{
	(void)env;
	(void)type;
	lua_State *source = (lua_State *)(intptr_t)from;
	lua_State *target = (lua_State *)(intptr_t)to;
	lj_settop(target, 0);
	if (!lj_checkstack(target, n)) {
		return JNI_FALSE;
	}
	lj_xmove(source, target, n);
	return JNI_TRUE;
}

/* The most fields a record may have for fields0; LuaStack reads larger ones itself. */
#define LUAYIELD_MAX_FIELDS 64

/*
 * Reads a record's fields from the table at the absolute `index` without running any
 * metamethod: counts the table's keys, then pushes the raw value of each key, given as
 * registry references to the key strings. Returns, packed, the key count in bits 0-31,
 * how many of the values are not nil in bits 32-47 and the stack index of the first
 * value (a stack holds at most 65500) in bits 48-63; or -1, pushing nothing, when the
 * stack cannot hold the values. lua_next starts from nil on a table nothing changes
 * meanwhile, so it cannot raise.
 */
JNIEXPORT jlong JNICALL Java_dev_luayield_engine_NativeCalls_fields0(JNIEnv *env, jclass type, jlong state,
		jint index, jintArray keys)
{
	(void)type;
	lua_State *L = (lua_State *)(intptr_t)state;
	jint refs[LUAYIELD_MAX_FIELDS];
	jsize n = (*env)->GetArrayLength(env, keys);
	if (n > LUAYIELD_MAX_FIELDS || !lj_checkstack(L, n + 2)) {
		return -1;
	}
	(*env)->GetIntArrayRegion(env, keys, 0, n, refs);
	int64_t count = 0;
	lj_pushnil(L);
	while (lj_next(L, index) != 0) {
		count++;
		lj_settop(L, -2);
	}
	int first = lj_gettop(L) + 1;
	int present = 0;
	for (jsize i = 0; i < n; i++) {
		lj_rawgeti(L, LUA_REGISTRYINDEX, refs[i]);
		lj_rawget(L, index);
		if (lj_type(L, -1) > 0) {
			present++;
		}
	}
	return (jlong)(((uint64_t)(first & 0xffff) << 48) | ((uint64_t)(present & 0xffff) << 32)
			| (uint64_t)(count & 0xffffffff));
}
