package dev.luayield.engine;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import com.badlogic.gdx.utils.SharedLibraryLoader;
import org.junit.jupiter.api.Test;
import party.iroiro.luajava.JuaAPI;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.asm.Type;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LuaRuntimeHints}: what the hints must cover is read from what is
 * actually there (the sandbox's modules on the class path, LuaJIT's libraries in
 * LuaJava's natives jar, the names LuaJava's C code binds in the library itself), so that
 * a new module, platform or callback cannot be forgotten.
 */
class LuaRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	LuaRuntimeHintsTests() {
		new LuaRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void everySandboxModuleIsAResource() throws IOException {
		Resource[] modules = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:dev/luayield/sandbox/*.lua");
		assertThat(modules).extracting(Resource::getFilename).contains("prelude.lua", "sandbox.lua", "trampoline.lua");
		for (Resource module : modules) {
			assertThat(RuntimeHintsPredicates.resource().forResource("dev/luayield/sandbox/" + module.getFilename()))
				.as(module.getFilename())
				.accepts(this.hints);
		}
	}

	@Test
	void theNativeShimIsAResourceOnEveryPlatformItIsBuiltFor() {
		assertThat(
				RuntimeHintsPredicates.resource().forResource("dev/luayield/engine/native/linux-x86_64/libluayield.so"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource()
			.forResource("dev/luayield/engine/native/linux-aarch64/libluayield.so")).accepts(this.hints);
	}

	@Test
	void theNativeShimsClassIsRegisteredForJni() {
		assertThat(this.hints.jni().getTypeHint(NativeMemoryLimit.class)).isNotNull();
		assertThat(this.hints.jni().getTypeHint(NativeCalls.class)).isNotNull();
	}

	@Test
	void everyLuaJitLibraryInLuaJavasNativesJarIsAResource() throws IOException {
		List<String> libraries = luaJitLibraries();
		assertThat(libraries).contains("libluajit64.so", "libluajitarm64.dylib", "luajit64.dll");
		for (String library : libraries) {
			assertThat(RuntimeHintsPredicates.resource().forResource(library)).as(library).accepts(this.hints);
		}
	}

	@Test
	void theLibraryLuaJavaLoadsOnThisMachineIsAResource() {
		String library = new SharedLibraryLoader().mapLibraryName("luajit");
		assertThat(RuntimeHintsPredicates.resource().forResource(library)).as(library).accepts(this.hints);
	}

	@Test
	void everyJuaApiMethodLuaJavasNativesBindIsAJniHint() throws IOException {
		Set<String> strings = luaJitStrings();
		List<Method> bound = new ArrayList<>();
		for (Method method : JuaAPI.class.getDeclaredMethods()) {
			if (Modifier.isStatic(method.getModifiers()) && endsAnyOf(strings, method.getName())
					&& endsAnyOf(strings, Type.getMethodDescriptor(method))) {
				bound.add(method);
			}
		}
		assertThat(bound).extracting(Method::getName).contains("objectInvoke", "threadNewId", "allocateDirect");
		for (Method method : bound) {
			assertThat(hasJniHint(method)).as(method.toGenericString()).isTrue();
		}
	}

	@Test
	void everyClassLuaJavasNativesFindIsAJniType() throws IOException {
		List<String> found = new ArrayList<>();
		for (String string : luaJitStrings()) {
			if (string.matches("[a-z]+(/[a-z]+)*/[A-Z][A-Za-z]+")) {
				String className = string.replace('/', '.');
				if (ClassUtils.isPresent(className, null)) {
					found.add(className);
					assertThat(this.hints.jni().getTypeHint(TypeReference.of(className))).as(className).isNotNull();
				}
			}
		}
		assertThat(found).contains(JuaAPI.class.getName(), Throwable.class.getName(), Integer.class.getName());
	}

	@Test
	void theJdkMethodsLuaJavasNativesCallAreJniHints() throws NoSuchMethodException {
		assertThat(hasJniHint(Class.class.getMethod("forName", String.class))).isTrue();
		assertThat(hasJniHint(Throwable.class.getMethod("getMessage"))).isTrue();
		assertThat(hasJniHint(Number.class.getMethod("longValue"))).isTrue();
		assertThat(hasJniHint(Integer.class.getConstructor(int.class))).isTrue();
		assertThat(hasJniHint(Boolean.class.getConstructor(boolean.class))).isTrue();
	}

	@Test
	void theReflectionLuaJavasLibraryLoaderUsesIsRegistered() throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(File.class.getMethod("canExecute")))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(File.class.getMethod("setExecutable", boolean.class, boolean.class)))
			.accepts(this.hints);
	}

	private boolean hasJniHint(Executable executable) {
		ReflectionHints jni = this.hints.jni();
		TypeHint type = jni.getTypeHint(executable.getDeclaringClass());
		if (type == null) {
			return false;
		}
		String name = (executable instanceof Method) ? executable.getName() : "<init>";
		List<TypeReference> parameters = TypeReference.listOf(executable.getParameterTypes());
		return ((executable instanceof Method) ? type.methods() : type.constructors())
			.anyMatch((hint) -> hint.getName().equals(name) && hint.getParameterTypes().equals(parameters)
					&& hint.getMode() == ExecutableMode.INVOKE);
	}

	private static boolean endsAnyOf(Set<String> strings, String suffix) {
		// The linker may keep "load" only as the tail of a longer string.
		return strings.stream().anyMatch((string) -> string.endsWith(suffix));
	}

	/** The root entries of the jar LuaJIT's library for this machine comes from. */
	private static List<String> luaJitLibraries() throws IOException {
		URL url = LuaRuntimeHintsTests.class.getClassLoader()
			.getResource(new SharedLibraryLoader().mapLibraryName("luajit"));
		assertThat(url).as("LuaJava's natives jar on the test class path").isNotNull();
		List<String> libraries = new ArrayList<>();
		try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
			for (JarEntry entry : jar.stream().toList()) {
				String name = entry.getName();
				if (!name.contains("/") && (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib"))) {
					libraries.add(name);
				}
			}
		}
		return libraries;
	}

	/** The NUL-terminated strings of four printable characters or more in the library. */
	private static Set<String> luaJitStrings() throws IOException {
		byte[] library;
		try (InputStream in = LuaRuntimeHintsTests.class.getClassLoader()
			.getResourceAsStream(new SharedLibraryLoader().mapLibraryName("luajit"))) {
			assertThat(in).isNotNull();
			library = in.readAllBytes();
		}
		Set<String> strings = new HashSet<>();
		int start = 0;
		for (int i = 0; i < library.length; i++) {
			byte b = library[i];
			if (b == 0 && i - start >= 4) {
				strings.add(new String(Arrays.copyOfRange(library, start, i), StandardCharsets.US_ASCII));
			}
			if (b < 0x20 || b > 0x7e) {
				start = i + 1;
			}
		}
		return strings;
	}

}
