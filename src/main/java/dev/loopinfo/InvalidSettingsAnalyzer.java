package dev.loopinfo;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * When a loopinfo setting stops the start-up, reports every invalid {@code loopinfo.*} setting at once — not only
 * the first one Spring met — each by the name, and with the value, that docs/configuration.md and the user wrote
 * ({@code loopinfo.greeting.max-name-length = 2000}, not {@code maxNameLength}, {@code PT2M} or {@code DROP_OLDEST}),
 * where it came from, and the rule it breaks.
 */
class InvalidSettingsAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    private final Environment environment;

    InvalidSettingsAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before Boot's own analyzer of bind failures
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        if (!cause.getName().toString().startsWith("loopinfo.")) {
            return null;
        }
        List<String> problems = problems();
        if (problems.isEmpty()) {
            return null;
        }
        return new FailureAnalysis(
                (problems.size() == 1 ? "A loopinfo setting is invalid:" : problems.size() + " loopinfo settings are invalid:")
                        + "\n\n" + String.join("\n", problems),
                "Correct the settings above; docs/configuration.md lists each with its default and range. As an "
                        + "environment variable, a key is written in capitals with underscores for dots and dashes: "
                        + "loopinfo.greeting.max-name-length is LOOPINFO_GREETING_MAX_NAME_LENGTH.",
                cause);
    }

    /** Every invalid setting of every loopinfo settings record, one line each. */
    private List<String> problems() {
        Binder binder = Binder.get(environment);
        List<String> problems = new ArrayList<>();
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            for (Class<?> settings : settingsRecords()) {
                String prefix = settings.getAnnotation(ConfigurationProperties.class).value();
                for (RecordComponent component : settings.getRecordComponents()) {
                    String name = prefix + "." + dashed(component.getName());
                    ConfigurationProperty written = written(ConfigurationPropertyName.of(name));
                    if (written != null) {
                        String problem = problem(binder, validator, settings, component, name);
                        if (problem != null) {
                            String origin = (written.getOrigin() != null) ? " (" + written.getOrigin() + ")" : "";
                            problems.add("  " + name + " = " + written.getValue() + origin + ": " + problem);
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static String problem(Binder binder, Validator validator, Class<?> settings, RecordComponent component,
            String name) {
        Object value;
        try {
            value = binder.bind(name, Bindable.of(ResolvableType.forType(component.getGenericType()))).orElse(null);
        }
        catch (BindException unreadable) {
            return expected(component.getType());
        }
        return validator.validateValue(settings, component.getName(), value).stream()
            .map(ConstraintViolation::getMessage)
            .distinct()
            .sorted()
            .collect(Collectors.collectingAndThen(Collectors.joining("; "), rules -> rules.isEmpty() ? null : rules));
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
        return "must be a number";
    }

    /** The property as the user wrote it, from the first source that has it (command line, environment, file). */
    private ConfigurationProperty written(ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                return property;
            }
        }
        return null;
    }

    private static List<Class<?>> settingsRecords() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        return scan.findCandidateComponents(InvalidSettingsAnalyzer.class.getPackageName()).stream()
            .<Class<?>>map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(),
                    InvalidSettingsAnalyzer.class.getClassLoader()))
            .filter(Class::isRecord)
            .toList();
    }

    private static String dashed(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
