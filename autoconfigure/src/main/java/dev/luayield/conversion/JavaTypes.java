package dev.luayield.conversion;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What the converters need to know about Java types that LuaYield does not depend on: JPA
 * entities and Hibernate proxies (recognised by annotation and class name, so neither JPA
 * nor Hibernate has to be on the classpath), nullability annotations of any library, and
 * the ISO-8601 forms of {@code java.time} values.
 *
 * @since 0.1.0
 */
public final class JavaTypes {

	private static final String[] ENTITY_ANNOTATIONS = { "jakarta.persistence.Entity", "javax.persistence.Entity" };

	/**
	 * Parsers of the {@code java.time} types a Lua string can become. Each reads what
	 * {@link #formatTime} writes, the ISO-8601 form, and nothing that depends on the
	 * JVM's locale.
	 */
	static final Map<Class<?>, Function<String, Object>> TIME_PARSERS = Map.ofEntries(
			Map.entry(LocalDate.class, LocalDate::parse), Map.entry(LocalDateTime.class, LocalDateTime::parse),
			Map.entry(LocalTime.class, LocalTime::parse), Map.entry(Instant.class, Instant::parse),
			Map.entry(OffsetDateTime.class, OffsetDateTime::parse),
			Map.entry(ZonedDateTime.class, ZonedDateTime::parse), Map.entry(OffsetTime.class, OffsetTime::parse),
			Map.entry(Duration.class, Duration::parse), Map.entry(Period.class, Period::parse),
			Map.entry(Year.class, Year::parse), Map.entry(YearMonth.class, YearMonth::parse),
			Map.entry(MonthDay.class, MonthDay::parse), Map.entry(ZoneId.class, ZoneId::of),
			Map.entry(ZoneOffset.class, ZoneOffset::of));

	private JavaTypes() {
	}

	/**
	 * Returns whether a type is a JPA entity: annotated {@code @Entity} of Jakarta or
	 * {@code javax} Persistence. A Hibernate proxy's class is its entity's subclass and
	 * counts too.
	 * @param type the type
	 * @return whether it is an entity
	 */
	public static boolean isEntity(Class<?> type) {
		for (Class<?> candidate = type; candidate != null
				&& candidate != Object.class; candidate = candidate.getSuperclass()) {
			for (Annotation annotation : candidate.getDeclaredAnnotations()) {
				String name = annotation.annotationType().getName();
				for (String entity : ENTITY_ANNOTATIONS) {
					if (entity.equals(name)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/**
	 * Returns whether an element carries an annotation named {@code Nullable}, from
	 * whichever library (JSpecify, Spring, JSR 305, JetBrains...), as a declaration or a
	 * type-use annotation.
	 * @param annotations the element's annotations
	 * @return whether one of them is a {@code Nullable}
	 */
	public static boolean isNullable(Annotation... annotations) {
		for (Annotation annotation : annotations) {
			if (annotation.annotationType().getSimpleName().equals("Nullable")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether a method's parameter is declared nullable, on the parameter or its
	 * type.
	 * @param method the method
	 * @param index the parameter's index
	 * @return whether it may be {@code null}
	 */
	public static boolean isNullableParameter(Method method, int index) {
		return isNullable(method.getParameterAnnotations()[index])
				|| isNullable(method.getAnnotatedParameterTypes()[index].getAnnotations());
	}

	static boolean hasAnnotationNamed(AnnotatedElement element, String... names) {
		for (Annotation annotation : element.getDeclaredAnnotations()) {
			String name = annotation.annotationType().getName();
			for (String candidate : names) {
				if (candidate.equals(name)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Returns the ISO-8601 form of a {@code java.time} value, or {@code null} for other
	 * values. Times always carry their seconds, so a script comparing strings sees one
	 * form per instant.
	 * @param value the value
	 * @return its ISO-8601 form, or {@code null}
	 */
	static @Nullable String formatTime(Object value) {
		if (value instanceof LocalDateTime time) {
			return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
		}
		if (value instanceof LocalTime time) {
			return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
		}
		if (value instanceof OffsetDateTime time) {
			return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
		}
		if (value instanceof ZonedDateTime time) {
			return DateTimeFormatter.ISO_ZONED_DATE_TIME.format(time);
		}
		if (value instanceof OffsetTime time) {
			return DateTimeFormatter.ISO_OFFSET_TIME.format(time);
		}
		if (value instanceof java.sql.Timestamp timestamp) {
			return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(timestamp.toLocalDateTime());
		}
		if (value instanceof java.sql.Date date) {
			return date.toLocalDate().toString();
		}
		if (value instanceof java.sql.Time time) {
			return DateTimeFormatter.ISO_LOCAL_TIME.format(time.toLocalTime());
		}
		if (value instanceof java.util.Date date) {
			return date.toInstant().toString();
		}
		// The toString of every other java.time value is its ISO-8601 form.
		if (value instanceof TemporalAccessor || value instanceof Duration || value instanceof Period
				|| value instanceof ZoneId) {
			return value.toString();
		}
		return null;
	}

}
