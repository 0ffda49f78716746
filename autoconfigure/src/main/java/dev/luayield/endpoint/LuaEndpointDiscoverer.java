package dev.luayield.endpoint;

import java.util.ArrayList;
import java.util.List;

import dev.luayield.annotation.LuaEndpoint;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link LuaEndpoint} beans of a bean factory. It asks the container rather
 * than scanning, so endpoints may be declared any way beans can (component scanning,
 * {@code @Bean} methods, registrations), and it sees the user class behind AOP proxies
 * while keeping the proxy as the target of every call.
 */
public class LuaEndpointDiscoverer {

	private final ListableBeanFactory beanFactory;

	/**
	 * Creates a discoverer for a bean factory.
	 * @param beanFactory the bean factory
	 */
	public LuaEndpointDiscoverer(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Returns the endpoints, in bean registration order.
	 * @return the endpoints
	 */
	public List<EndpointBean> findEndpoints() {
		List<EndpointBean> endpoints = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(LuaEndpoint.class)) {
			Object bean = this.beanFactory.getBean(beanName);
			Class<?> userClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
			LuaEndpoint annotation = this.beanFactory.findAnnotationOnBean(beanName, LuaEndpoint.class);
			String global = globalName(annotation, beanName, userClass);
			endpoints.add(new EndpointBean(global, beanName, bean, userClass));
		}
		return endpoints;
	}

	private static String globalName(LuaEndpoint annotation, String beanName, Class<?> userClass) {
		String[] names = (annotation != null) ? annotation.value() : new String[0];
		if (names.length > 1) {
			throw new InvalidLuaEndpointException(userClass, "Lua endpoint " + userClass.getName()
					+ " names more than one Lua global " + java.util.Arrays.toString(names) + "; give it one");
		}
		return (names.length == 1 && !names[0].isEmpty()) ? names[0] : beanName;
	}

}
