package dev.loopinfo.settings;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * What is wrong with the {@code loopinfo.*} settings as written, one line each, in the
 * spelling of docs/configuration.md: a value a setting's record refuses, a rule between
 * settings broken, and a {@code loopinfo.*} key that is no setting at all (with the
 * closest one, as a misspelt key would otherwise be ignored).
 */
final class SettingsProblems {

    /** Where the settings records are: each feature's package keeps its own. */
    private static final String SETTINGS_RECORDS = "dev.loopinfo";

    /** Settings that must stay below another, each rule once. */
    private static final List<Below> BELOW = List.of(new Below("loopinfo.pipeline.shutdown-timeout",
            Duration.ofSeconds(10), "spring.lifecycle.timeout-per-shutdown-phase", Duration.ofSeconds(30),
            "or Spring stops waiting for the pipeline before it has drained; raise the latter"));

    private final Environment environment;

    private final Binder binder;

    private final List<Class<?>> settingsRecords;

    /** The problems of the given settings records' settings. */
    SettingsProblems(Environment environment, List<Class<?>> settingsRecords) {
        this.environment = environment;
        this.binder = Binder.get(environment);
        this.settingsRecords = settingsRecords;
    }

    /**
     * The problems of every settings record found on the class path: for a failed start,
     * which may have failed before the records' beans were defined.
     */
    static SettingsProblems ofEverySettingsRecord(Environment environment) {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        return new SettingsProblems(environment,
                scan.findCandidateComponents(SETTINGS_RECORDS)
                    .stream()
                    .<Class<?>>map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(),
                            SettingsProblems.class.getClassLoader()))
                    .filter(Class::isRecord)
                    .toList());
    }

    /**
     * Broken rules between settings and unknown keys: what binding each setting alone
     * cannot find.
     */
    List<String> acrossSettings() {
        List<String> problems = new ArrayList<>();
        BELOW.forEach(rule -> addIfBroken(rule, problems));
        List<String> known = new ArrayList<>();
        List<String> collections = new ArrayList<>();
        for (Class<?> settings : settingsRecords) {
            for (RecordComponent component : settings.getRecordComponents()) {
                String name = prefix(settings) + "." + dashed(component.getName());
                known.add(name);
                if (Collection.class.isAssignableFrom(component.getType())) {
                    collections.add(name);
                }
            }
        }
        new UnknownKeys(known, collections).in(environment)
            .forEach(unknown -> problems
                .add(line(unknown.key().getName().toString(), unknown.key(), unknown.problem())));
        return problems;
    }

    /**
     * Every problem: each setting's value against its record's rules, then those
     * {@link #acrossSettings}.
     */
    List<String> all() {
        List<String> problems = new ArrayList<>();
        for (Class<?> settings : settingsRecords) {
            for (RecordComponent component : settings.getRecordComponents()) {
                String name = prefix(settings) + "." + dashed(component.getName());
                ConfigurationProperty written = written(ConfigurationPropertyName.of(name));
                String problem = (written != null) ? problem(component, name) : null;
                if (problem != null) {
                    problems.add(line(name, written, problem));
                }
            }
        }
        problems.addAll(acrossSettings());
        return problems;
    }

    private void addIfBroken(Below rule, List<String> problems) {
        Duration value = binder.bind(rule.name(), Duration.class).orElse(rule.defaultValue());
        Duration limit = binder.bind(rule.limitName(), Duration.class).orElse(rule.limitDefault());
        if (value.compareTo(limit) >= 0) {
            ConfigurationProperty written = written(ConfigurationPropertyName.of(rule.name()));
            String problem = "must be shorter than " + rule.limitName() + " (" + limit.toMillis() + " ms), "
                    + rule.why();
            problems.add((written != null) ? line(rule.name(), written, problem)
                    : "  " + rule.name() + " = " + value.toMillis() + "ms (its default): " + problem);
        }
    }

    private @Nullable String problem(RecordComponent component, String name) {
        Object value;
        try {
            value = binder.bind(name, Bindable.of(ResolvableType.forType(component.getGenericType()))).orElse(null);
        }
        catch (BindException unreadable) {
            return expected(component.getType());
        }
        return SettingRules.problem(component, value);
    }

    private static String line(String name, ConfigurationProperty written, String problem) {
        String origin = (written.getOrigin() != null) ? " (" + written.getOrigin() + ")" : "";
        return "  " + name + " = " + written.getValue() + origin + ": " + problem;
    }

    /** What a value of this type looks like, as docs/configuration.md spells it. */
    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
        }
        if (type == Duration.class) {
            return "must be a duration such as 500ms, 2s, 1m or 1h";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == int.class || type == long.class) {
            return "must be a whole number";
        }
        if (type.getSimpleName().equals("DataSize")) {
            return "must be a size such as 512B, 64KB or 1MB";
        }
        return "must be a number";
    }

    /**
     * The property as the user wrote it, from the first source that has it (command line,
     * environment, file).
     */
    private @Nullable ConfigurationProperty written(ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                return property;
            }
        }
        return null;
    }

    private static String prefix(Class<?> settings) {
        return settings.getAnnotation(ConfigurationProperties.class).value();
    }

    private static String dashed(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** A setting that must stay below another, each with its default, and why. */
    private record Below(String name, Duration defaultValue, String limitName, Duration limitDefault, String why) {
    }

}
