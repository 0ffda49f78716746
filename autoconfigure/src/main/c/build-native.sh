#!/bin/sh
# Compiles the native shim (memory limit, watchdog hook, hot path) into the classes
# directory, where the loader looks for it by platform. Without a C compiler or JNI
# headers the library is simply absent and the limit reports itself unavailable at run
# time; with them, a compile error fails the build, because it would otherwise hide as
# "unavailable".
#
# Usage: build-native.sh <source> <classes dir> <java.home> <os.arch>
set -eu

source=$1
classes=$2
java_home=$3
arch=$4

case "$arch" in
	amd64 | x86_64) arch=x86_64 ;;
	aarch64 | arm64) arch=aarch64 ;;
esac

compiler=""
for candidate in "${CC:-}" cc gcc clang; do
	if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then
		compiler=$candidate
		break
	fi
done
if [ -z "$compiler" ]; then
	echo "[luayield] No C compiler (\$CC, cc, gcc, clang): libluayield.so not built; the native memory limit will be unavailable"
	exit 0
fi
if [ ! -f "$java_home/include/jni.h" ]; then
	echo "[luayield] No JNI headers under $java_home/include: libluayield.so not built; the native memory limit will be unavailable"
	exit 0
fi

out="$classes/dev/luayield/engine/native/linux-$arch"
mkdir -p "$out"
# Unwind tables: the watchdog's hook raises a Lua error, which LuaJIT unwinds through it.
"$compiler" -Wall -Werror -O2 -fPIC -shared -funwind-tables -pthread \
	-I"$java_home/include" -I"$java_home/include/linux" \
	-o "$out/libluayield.so" "$source" -ldl
echo "[luayield] Built $out/libluayield.so with $compiler"
