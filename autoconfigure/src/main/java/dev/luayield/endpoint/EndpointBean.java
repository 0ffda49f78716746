package dev.luayield.endpoint;

/**
 * A bean to expose to Lua under a global name.
 *
 * @param name the Lua global name
 * @param beanName the name of the bean in its container, which need not be the Lua name
 * @param bean the bean as the container hands it out (a proxy, when advised), through
 * which every call goes so that its advice applies
 * @param userClass the class the bean was declared as, whose methods are exposed
 * @since 0.1.0
 */
public record EndpointBean(String name, String beanName, Object bean, Class<?> userClass) {

	/**
	 * Creates an endpoint whose bean is named as its Lua global.
	 * @param name the Lua global name, also the bean name
	 * @param bean the bean
	 * @param userClass the class the bean was declared as
	 */
	public EndpointBean(String name, Object bean, Class<?> userClass) {
		this(name, name, bean, userClass);
	}

}
