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
 * The rules of loopinfo's settings records: each value set (a component left {@code null}
 * only where it is {@link Nullable}) and within its {@link Range}. Spring Boot applies
 * this to every settings record it binds (the bean's name,
 * {@code configurationPropertiesValidator}, says so); the start-up's report of every
 * problem at once asks it about each setting alone ({@link #problem}). A few dozen
 * numbers need no Bean Validation provider.
 */
@Component(EnableConfigurationProperties.VALIDATOR_BEAN_NAME)
// Made before the other post-processors, as binding needs it
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
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

    /**
     * What is wrong with a value for a settings record's component, or {@code null} if
     * nothing.
     */
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

    /**
     * What is wrong with a value for the named component of a settings record, or
     * {@code null} if nothing: for a runtime control that takes what a setting takes, so
     * that the rule and its words are the setting's. A value the control could not read
     * ({@code null} where the setting must be set) gets the setting's rule.
     */
    public static @Nullable String problem(Class<? extends Record> settings, String component, @Nullable Object value) {
        for (RecordComponent each : settings.getRecordComponents()) {
            if (each.getName().equals(component)) {
                String problem = problem(each, value);
                Range range = each.getAnnotation(Range.class);
                return (value == null && problem != null && range != null) ? rule(range, each.getType()) : problem;
            }
        }
        throw new IllegalArgumentException(settings.getSimpleName() + " has no " + component);
    }

    private static @Nullable String outOfRange(Range range, Object value) {
        boolean within;
        if (value instanceof Duration duration) {
            within = within(duration, DurationStyle.detectAndParse(range.min()),
                    DurationStyle.detectAndParse(range.max()));
        }
        else if (value instanceof DataSize size) {
            within = within(size, DataSize.parse(range.min()), DataSize.parse(range.max()));
        }
        else if (value instanceof Integer || value instanceof Long) {
            long number = ((Number) value).longValue();
            within = number >= Long.parseLong(range.min()) && number <= Long.parseLong(range.max());
        }
        else if (value instanceof Double number) {
            within = number >= Double.parseDouble(range.min()) && number <= Double.parseDouble(range.max());
        }
        else {
            throw new IllegalStateException("No range for a " + value.getClass().getSimpleName());
        }
        return within ? null : rule(range, value.getClass());
    }

    /** The range in words: "must be a duration from 0s to 1m". */
    private static String rule(Range range, Class<?> type) {
        String kind = (type == Duration.class) ? "a duration" : (type == DataSize.class) ? "a size"
                : (type == Double.class || type == double.class) ? "a number" : "a whole number";
        return "must be " + kind + " from " + range.min() + " to " + range.max();
    }

    private static <T extends Comparable<T>> boolean within(T value, T min, T max) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    private static @Nullable Object read(Object settings, RecordComponent component) {
        try {
            Method accessor = component.getAccessor();
            // The records are their packages' own
            ReflectionUtils.makeAccessible(accessor);
            return accessor.invoke(settings);
        }
        catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException("Cannot read " + component, ex);
        }
    }

}
