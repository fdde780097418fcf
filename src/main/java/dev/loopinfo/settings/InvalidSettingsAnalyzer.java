package dev.loopinfo.settings;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * When loopinfo's settings stop the start-up — a value a setting refuses (Spring's
 * binding fails), a rule between settings, or an unknown {@code loopinfo.*} key
 * ({@link SettingsCheck}) — reports every problem at once, not only the first Spring met,
 * each by the name and with the value that docs/configuration.md and the user wrote
 * ({@code loopinfo.greeting.max-name-length = 2000}, not {@code maxNameLength},
 * {@code PT2M} or {@code DROP_OLDEST}), where it came from, and the rule it breaks.
 */
class InvalidSettingsAnalyzer implements FailureAnalyzer, Ordered {

    private final Environment environment;

    InvalidSettingsAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before Boot's own analyzer of bind failures
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof SettingsCheck.InvalidSettingsException
                || (cause instanceof BindException binding && binding.getName().toString().startsWith("loopinfo.")))) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return null;
        }
        List<String> problems = SettingsProblems.ofEverySettingsRecord(environment).all();
        if (problems.isEmpty()) {
            return null;
        }
        return new FailureAnalysis(
                (problems.size() == 1 ? "A loopinfo setting is invalid:"
                        : problems.size() + " loopinfo settings are invalid:") + "\n\n" + String.join("\n", problems),
                "Correct the settings above; docs/configuration.md lists each with its default and range. As an "
                        + "environment variable, a key is written in capitals with underscores for dots and dashes: "
                        + "loopinfo.greeting.max-name-length is LOOPINFO_GREETING_MAX_NAME_LENGTH.",
                cause);
    }

}
