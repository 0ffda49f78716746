/*
 * A counting allocator for LuaJIT states run by LuaJava, which binds neither
 * lua_getallocf nor lua_setallocf although its native library exports both.
 *
 * The guard wraps the state's allocator. While Java has it armed (only while the state
 * runs inside a protected call or a resume, where LuaJIT turns a refused allocation into
 * a catchable LUA_ERRMEM), growth past the limit is refused and the refusal is recorded
 * in a flag that a pcall in the script cannot clear. Frees and shrinks always pass.
 *
 * Java reads and writes the first four fields through a direct ByteBuffer, and Lua can
 * read the flag through the FFI, so their order and layout are part of the contract.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <link.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The two LuaJIT declarations we need; LuaJIT's headers are not part of the build. */
typedef struct lua_State lua_State;
typedef void *(*lua_Alloc)(void *ud, void *ptr, size_t osize, size_t nsize);
typedef lua_Alloc (*getallocf_fn)(lua_State *L, void **ud);
typedef void (*setallocf_fn)(lua_State *L, lua_Alloc f, void *ud);

typedef struct {
	int32_t armed;
	int32_t exceeded;
	int64_t used;
	int64_t limit;
	lua_Alloc original;
	void *original_ud;
} luayield_guard;

/* Java's view is exactly these 24 bytes; a layout change must fail the build, not Java. */
_Static_assert(offsetof(luayield_guard, armed) == 0, "armed at 0");
_Static_assert(offsetof(luayield_guard, exceeded) == 4, "exceeded at 4");
_Static_assert(offsetof(luayield_guard, used) == 8, "used at 8");
_Static_assert(offsetof(luayield_guard, limit) == 16, "limit at 16");

#define LUAYIELD_VIEW_BYTES 24

static getallocf_fn lj_getallocf;
static setallocf_fn lj_setallocf;
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
	if (get == NULL || set == NULL || luajava == NULL) {
		dlclose(handle);
		return 0;
	}
	/*
	 * The handle stays open: it keeps the library mapped for as long as guards may call
	 * into it, even if the class loader that loaded LuaJava went away.
	 */
	lj_getallocf = (getallocf_fn)get;
	lj_setallocf = (setallocf_fn)set;
	strncpy(lj_path, name, sizeof(lj_path) - 1);
	return 1;
}

JNIEXPORT jstring JNICALL Java_dev_luayield_runtime_NativeMemoryLimit_link0(JNIEnv *env, jclass type)
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

JNIEXPORT jlong JNICALL Java_dev_luayield_runtime_NativeMemoryLimit_install0(JNIEnv *env, jclass type,
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
	lj_setallocf(L, guarded_alloc, guard);
	return (jlong)(intptr_t)guard;
}

JNIEXPORT jobject JNICALL Java_dev_luayield_runtime_NativeMemoryLimit_view0(JNIEnv *env, jclass type,
		jlong address)
{
	(void)type;
	return (*env)->NewDirectByteBuffer(env, (void *)(intptr_t)address, LUAYIELD_VIEW_BYTES);
}

JNIEXPORT jboolean JNICALL Java_dev_luayield_runtime_NativeMemoryLimit_uninstall0(JNIEnv *env, jclass type,
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
	lj_setallocf(L, guard->original, guard->original_ud);
	free(guard);
	return JNI_TRUE;
}
