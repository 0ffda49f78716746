package dev.luayield.endpoint;

import java.lang.reflect.Method;

import dev.luayield.annotation.LuaEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.util.ClassUtils;

/**
 * Registers, for each {@link LuaEndpoint} bean, the reflection a native image needs to
 * expose it as {@link DispatchTable} does at run time: the introspection of its user
 * class, which finds the exposed methods; the invocation of each of them (and of the
 * interface methods a JDK proxy is invoked through), which method handles make; and the
 * binding of their parameter and return types, whose records, JavaBeans and entities the
 * conversion reads and creates reflectively.
 * <p>
 * Registered in {@code META-INF/spring/aot.factories}.
 */
class LuaEndpointAotProcessor implements BeanRegistrationAotProcessor {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		// LuaEndpointDiscoverer asks the bean factory by name: an inner bean is not an
		// endpoint, whatever its class says.
		if (registeredBean.isInnerBean() || registeredBean.getBeanFactory()
			.findAnnotationOnBean(registeredBean.getBeanName(), LuaEndpoint.class, false) == null) {
			return null;
		}
		Class<?> userClass = registeredBean.getBeanClass();
		return (generationContext, code) -> registerHints(generationContext.getRuntimeHints().reflection(), userClass);
	}

	private void registerHints(ReflectionHints reflection, Class<?> userClass) {
		reflection.registerType(userClass);
		for (Method method : DispatchTable.exposedMethods(userClass)) {
			reflection.registerMethod(method, ExecutableMode.INVOKE);
			for (Class<?> implemented : ClassUtils.getAllInterfacesForClassAsSet(userClass)) {
				Method declared = ClassUtils.getMethodIfAvailable(implemented, method.getName(),
						method.getParameterTypes());
				if (declared != null) {
					reflection.registerMethod(declared, ExecutableMode.INVOKE);
				}
			}
			this.bindings.registerReflectionHints(reflection, method.getGenericParameterTypes());
			this.bindings.registerReflectionHints(reflection, method.getGenericReturnType());
		}
	}

}
