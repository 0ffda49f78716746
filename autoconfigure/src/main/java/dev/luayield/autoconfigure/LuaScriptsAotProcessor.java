package dev.luayield.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ResourceUtils;

/**
 * Registers the named scripts as resources for a native image, under the location the
 * application is configured with at build time ({@code lua.scripts.locations} or
 * {@code lua.scripts.location}, by default {@code classpath:/lua/}). Only the build knows
 * that location, so it is read from the environment the ahead-of-time processing runs
 * with; a location outside the class path ({@code file:}) is read from the file system at
 * run time and needs no hint.
 * <p>
 * Registered in {@code META-INF/spring/aot.factories}.
 */
class LuaScriptsAotProcessor implements BeanFactoryInitializationAotProcessor {

	private static final String[] CLASSPATH_PREFIXES = { ResourceUtils.CLASSPATH_URL_PREFIX, "classpath*:" };

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		// Only where the auto-configuration applies: it alone declares LuaProperties.
		if (beanFactory.getBeanNamesForType(LuaProperties.class, false, false).length == 0
				|| !beanFactory.containsBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)) {
			return null;
		}
		Environment environment = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
				Environment.class);
		LuaProperties properties = Binder.get(environment).bindOrCreate("lua", LuaProperties.class);
		LuaProperties.Scripts scripts = properties.getScripts();
		List<String> locations = scripts.locationsInUse();
		List<String> patterns = new ArrayList<>();
		for (String location : locations) {
			String pattern = scriptsPattern(location);
			if (pattern != null) {
				patterns.add(pattern);
			}
		}
		boolean jdbc = Binder.get(environment).bind("lua.scripts.jdbc.enabled", Boolean.class).orElse(false);
		if (patterns.isEmpty() && !jdbc) {
			return null;
		}
		return (generationContext, code) -> {
			patterns.forEach(generationContext.getRuntimeHints().resources()::registerPattern);
			if (jdbc) {
				// The optional schema scripts of the script table, one per platform.
				generationContext.getRuntimeHints()
					.resources()
					.registerPattern("dev/luayield/scripts/jdbc/schema-*.sql");
			}
		};
	}

	/**
	 * Returns the resource pattern of every script under a class path location, or
	 * {@code null} for a location elsewhere.
	 */
	static @Nullable String scriptsPattern(String location) {
		for (String prefix : CLASSPATH_PREFIXES) {
			if (location.startsWith(prefix)) {
				String path = location.substring(prefix.length()).replaceFirst("^/+", "");
				if (!path.isEmpty() && !path.endsWith("/")) {
					path += "/";
				}
				return path + "**/*.lua";
			}
		}
		return null;
	}

}
