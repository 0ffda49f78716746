package dev.luayield.runtime;

/**
 * A bean to expose to Lua under a global name.
 *
 * @param name the Lua global name
 * @param bean the bean as the container hands it out (a proxy, when advised), through
 * which every call goes so that its advice applies
 * @param userClass the class the bean was declared as, whose methods are exposed
 */
public record EndpointBean(String name, Object bean, Class<?> userClass) {
}
