package dev.loopinfo.settings;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Role;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The rules of loopinfo's settings records: each value set (a component left {@code null} only where it is
 * {@link Nullable}) and within its {@link Range}. Spring Boot applies this to every settings record it binds (the
 * bean's name, {@code configurationPropertiesValidator}, says so); the start-up's report of every problem at once asks
 * it about each setting alone ({@link #problem}). A few dozen numbers need no Bean Validation provider.
 */
@Component(EnableConfigurationProperties.VALIDATOR_BEAN_NAME)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE) // made before the other post-processors, as binding needs it
public final class SettingRules implements Validator {

    @Override
    public boolean supports(Class<?> type) {
        return type.isRecord() && type.isAnnotationPresent(ConfigurationProperties.class);
    }

    @Override
    public void validate(Object settings, Errors errors) {
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            String problem = problem(component, read(settings, component));
            if (problem != null) {
                errors.rejectValue(component.getName(), "loopinfo.setting", problem);
            }
        }
    }

    /** What is wrong with a value for a settings record's component, or {@code null} if nothing. */
    public static @Nullable String problem(RecordComponent component, @Nullable Object value) {
        if (value == null) {
            return component.getAnnotatedType().isAnnotationPresent(Nullable.class) ? null : "must be set";
        }
        if (value instanceof Collection<?> values && values.stream().anyMatch(Objects::isNull)) {
            return "must not list an empty value";
        }
        Range range = component.getAnnotation(Range.class);
        return (range != null) ? outOfRange(range, value) : null;
    }

    private static @Nullable String outOfRange(Range range, Object value) {
        if (value instanceof Duration duration) {
            return within(duration, DurationStyle.detectAndParse(range.min()), DurationStyle.detectAndParse(range.max()))
                    ? null : "must be a duration from " + range.min() + " to " + range.max();
        }
        if (value instanceof DataSize size) {
            return within(size, DataSize.parse(range.min()), DataSize.parse(range.max())) ? null
                    : "must be a size from " + range.min() + " to " + range.max();
        }
        if (value instanceof Integer || value instanceof Long) {
            long number = ((Number) value).longValue();
            return (number >= Long.parseLong(range.min()) && number <= Long.parseLong(range.max())) ? null
                    : "must be a whole number from " + range.min() + " to " + range.max();
        }
        if (value instanceof Double number) {
            return (number >= Double.parseDouble(range.min()) && number <= Double.parseDouble(range.max())) ? null
                    : "must be a number from " + range.min() + " to " + range.max();
        }
        throw new IllegalStateException("No range for a " + value.getClass().getSimpleName());
    }

    private static <T extends Comparable<T>> boolean within(T value, T min, T max) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    private static @Nullable Object read(Object settings, RecordComponent component) {
        try {
            Method accessor = component.getAccessor();
            ReflectionUtils.makeAccessible(accessor); // the records are their packages' own
            return accessor.invoke(settings);
        }
        catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException("Cannot read " + component, ex);
        }
    }
}
