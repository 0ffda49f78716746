package dev.luayield.conversion;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.luayield.engine.ConversionBudget;
import dev.luayield.engine.LuaConversionException;
import dev.luayield.engine.LuaStack;

import org.springframework.beans.BeanUtils;

/**
 * How a JPA entity becomes a Lua table: its mapped persistent properties, not whatever
 * getters it happens to have, with every association to another entity as that entity's
 * id (a to-many association as a sequence of ids). Following associations would copy the
 * same entities again and again, turn bidirectional ones into cycles, and load lazy
 * graphs no script asked for. Found once per entity class, from JPA's annotations read by
 * name, so JPA need not be on the classpath.
 */
final class EntityForm {

	private static final String JPA = "jakarta.persistence.";

	private static final String JAVAX_JPA = "javax.persistence.";

	private final Class<?> type;

	private final Property[] properties;

	private final Member id;

	EntityForm(Class<?> type) {
		this.type = type;
		List<Property> found = new ArrayList<>();
		Member idMember = null;
		boolean fieldAccess = usesFieldAccess(type);
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			if (!isMapped(c)) {
				continue;
			}
			if (fieldAccess) {
				for (Field field : c.getDeclaredFields()) {
					if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
							|| field.isSynthetic() || jpa(field, "Transient")) {
						continue;
					}
					field.trySetAccessible();
					found.add(new Property(field.getName(), field, kind(field)));
					if (idMember == null && (jpa(field, "Id") || jpa(field, "EmbeddedId"))) {
						idMember = field;
					}
				}
			}
		}
		if (!fieldAccess) {
			for (java.beans.PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
				Method getter = descriptor.getReadMethod();
				if (getter == null || getter.getDeclaringClass() == Object.class || jpa(getter, "Transient")
						|| descriptor.getWriteMethod() == null && !jpa(getter, "Id")) {
					continue;
				}
				getter.trySetAccessible();
				found.add(new Property(descriptor.getName(), getter, kind(getter)));
				if (idMember == null && (jpa(getter, "Id") || jpa(getter, "EmbeddedId"))) {
					idMember = getter;
				}
			}
		}
		this.properties = found.toArray(new Property[0]);
		this.id = idMember;
	}

	/**
	 * Returns the entity behind a Hibernate proxy ({@code getReference}, a lazy to-one
	 * association), loading it; any other value is returned as it is.
	 * @param value the value
	 * @return the entity, or the value
	 */
	static Object unproxy(Object value) {
		Object initializer = lazyInitializer(value);
		if (initializer == null) {
			return value;
		}
		try {
			return initializer.getClass().getMethod("getImplementation").invoke(initializer);
		}
		catch (ReflectiveOperationException ex) {
			throw new LuaConversionException("a lazy " + value.getClass().getSuperclass().getSimpleName()
					+ " could not be loaded: " + ex.getCause());
		}
	}

	/**
	 * Returns the Hibernate {@code LazyInitializer} of a proxy, or {@code null} for
	 * anything else, without Hibernate on the classpath.
	 */
	private static Object lazyInitializer(Object value) {
		if (!implementsHibernateProxy(value.getClass())) {
			return null;
		}
		try {
			Method method = value.getClass().getMethod("getHibernateLazyInitializer");
			method.trySetAccessible();
			return method.invoke(value);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	private static boolean implementsHibernateProxy(Class<?> type) {
		for (Class<?> c = type; c != null; c = c.getSuperclass()) {
			for (Class<?> implemented : c.getInterfaces()) {
				if (implemented.getName().equals("org.hibernate.proxy.HibernateProxy")) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Returns the id of an entity without loading it when it is a proxy (the proxy knows
	 * its id).
	 */
	private static Object idOf(Object entity, Map<Class<?>, EntityForm> forms, String path) {
		Object initializer = lazyInitializer(entity);
		if (initializer != null) {
			try {
				return initializer.getClass().getMethod("getIdentifier").invoke(initializer);
			}
			catch (ReflectiveOperationException ex) {
				entity = unproxy(entity);
			}
		}
		EntityForm form = forms.computeIfAbsent(entity.getClass(), EntityForm::new);
		if (form.id == null) {
			throw new LuaConversionException(path + ": " + form.type.getSimpleName() + " has no @Id to refer to it by");
		}
		return read(form.id, entity, path);
	}

	interface Pusher {

		void push(Object value, String path);

	}

	void push(LuaStack stack, Object entity, String path, ConversionBudget budget, Map<Class<?>, EntityForm> forms,
			Pusher pusher) {
		budget.charge(ConversionBudget.TABLE + (long) this.properties.length * ConversionBudget.ENTRY, path);
		stack.createTable(0, this.properties.length);
		int table = stack.top();
		for (Property property : this.properties) {
			String propertyPath = path + "." + property.name;
			Object value = read(property.member, entity, propertyPath);
			if (value != null && property.kind == Kind.TO_ONE) {
				value = idOf(value, forms, propertyPath);
			}
			else if (value instanceof Collection<?> collection && property.kind == Kind.TO_MANY) {
				List<Object> ids = new ArrayList<>(collection.size());
				for (Object element : collection) {
					ids.add((element != null) ? idOf(element, forms, propertyPath) : null);
				}
				value = ids;
			}
			else if (value instanceof Map<?, ?> map && property.kind == Kind.TO_MANY) {
				List<Object> ids = new ArrayList<>(map.size());
				for (Object element : map.values()) {
					ids.add((element != null) ? idOf(element, forms, propertyPath) : null);
				}
				value = ids;
			}
			stack.pushString(property.name);
			pusher.push(value, propertyPath);
			stack.rawSet(table);
		}
	}

	private static Object read(Member member, Object target, String path) {
		try {
			return (member instanceof Field field) ? field.get(target) : ((Method) member).invoke(target);
		}
		catch (ReflectiveOperationException ex) {
			throw new LuaConversionException(path + ": " + ((ex.getCause() != null) ? ex.getCause() : ex));
		}
	}

	/**
	 * JPA's default: an entity whose {@code @Id} sits on a field is mapped by its fields,
	 * otherwise by its properties.
	 */
	private static boolean usesFieldAccess(Class<?> type) {
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			for (Field field : c.getDeclaredFields()) {
				if (jpa(field, "Id") || jpa(field, "EmbeddedId")) {
					return true;
				}
			}
			for (Method method : c.getDeclaredMethods()) {
				if (jpa(method, "Id") || jpa(method, "EmbeddedId")) {
					return false;
				}
			}
		}
		return true;
	}

	private static boolean isMapped(Class<?> type) {
		return jpa(type, "Entity") || jpa(type, "MappedSuperclass") || jpa(type, "Embeddable");
	}

	private static Kind kind(AccessibleObject member) {
		if (jpa(member, "ManyToOne") || jpa(member, "OneToOne")) {
			return Kind.TO_ONE;
		}
		if (jpa(member, "OneToMany") || jpa(member, "ManyToMany")) {
			return Kind.TO_MANY;
		}
		return Kind.VALUE;
	}

	private static boolean jpa(java.lang.reflect.AnnotatedElement element, String simpleName) {
		return JavaTypes.hasAnnotationNamed(element, JPA + simpleName, JAVAX_JPA + simpleName);
	}

	private enum Kind {

		VALUE, TO_ONE, TO_MANY

	}

	private record Property(String name, Member member, Kind kind) {
	}

}
