package dev.luayield.endpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.luayield.annotation.LuaEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link LuaEndpoint} beans of a bean factory. It asks the container rather
 * than scanning, so endpoints may be declared any way beans can (component scanning,
 * {@code @Bean} methods, registrations), and it sees the user class behind AOP proxies
 * while keeping the proxy as the target of every call.
 *
 * @since 0.1.0
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
			LuaEndpoint annotation = this.beanFactory.findAnnotationOnBean(beanName, LuaEndpoint.class);
			endpoints.add(endpoint(beanName, bean, annotation));
		}
		return endpoints;
	}

	/**
	 * Describes one bean as an endpoint, the way discovery describes every bean it finds:
	 * its Lua global is the one its annotation names, or else its bean name, and its
	 * methods are those of its user class.
	 * @param beanName the bean's name
	 * @param bean the bean as callers get it (a proxy, when advised)
	 * @param annotation the bean's annotation, or {@code null} when it has none
	 * @return the endpoint
	 * @throws InvalidLuaEndpointException if the annotation names more than one global
	 */
	public static EndpointBean endpoint(String beanName, Object bean, @Nullable LuaEndpoint annotation) {
		Class<?> userClass = userClass(bean);
		return new EndpointBean(globalName(annotation, beanName, userClass), beanName, bean, userClass);
	}

	/**
	 * Returns the class whose methods a bean exposes: the class the bean was declared as,
	 * behind any AOP proxy or CGLIB subclass.
	 * @param bean the bean
	 * @return its user class
	 */
	public static Class<?> userClass(Object bean) {
		return ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
	}

	private static String globalName(@Nullable LuaEndpoint annotation, String beanName, Class<?> userClass) {
		String[] names = (annotation != null) ? annotation.value() : new String[0];
		if (names.length > 1) {
			throw new InvalidLuaEndpointException(userClass, "Lua endpoint " + userClass.getName()
					+ " names more than one Lua global " + Arrays.toString(names) + "; give it one");
		}
		return (names.length == 1 && !names[0].isEmpty()) ? names[0] : beanName;
	}

}
