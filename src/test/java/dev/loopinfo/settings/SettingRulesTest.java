package dev.loopinfo.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;

/**
 * Each kind of setting held to its range, both ends included, and said in the setting's
 * own spelling.
 */
class SettingRulesTest {

    @ConfigurationProperties("test")
    record Settings(@Range(min = "100ms", max = "1m") Duration pause, @Range(min = "1B", max = "64KB") DataSize size,
            @Range(min = "1", max = "1024") int count, @Range(min = "0", max = "1") double rate,
            @Nullable @Range(min = "200", max = "599") Integer status, List<String> names) {
    }

    @Test
    void bothEndsAreInAndEachSideOutsideIsNot() {
        assertThat(problem("pause", Duration.ofMillis(100))).isNull();
        assertThat(problem("pause", Duration.ofMinutes(1))).isNull();
        assertThat(problem("pause", Duration.ofMillis(99))).isEqualTo("must be a duration from 100ms to 1m");
        assertThat(problem("pause", Duration.ofMillis(60_001))).isEqualTo("must be a duration from 100ms to 1m");
        assertThat(problem("size", DataSize.ofKilobytes(64))).isNull();
        assertThat(problem("size", DataSize.ofBytes(65_537))).isEqualTo("must be a size from 1B to 64KB");
        assertThat(problem("count", 1024)).isNull();
        assertThat(problem("count", 0)).isEqualTo("must be a whole number from 1 to 1024");
        assertThat(problem("rate", 1.0)).isNull();
        assertThat(problem("rate", 1.01)).isEqualTo("must be a number from 0 to 1");
        assertThat(problem("status", 100)).isEqualTo("must be a whole number from 200 to 599");
    }

    @Test
    void onlyWhatMayBeLeftUnsetMayBeNull() {
        assertThat(problem("status", null)).isNull();
        assertThat(problem("pause", null)).isEqualTo("must be set");
        assertThat(problem("names", Arrays.asList("a", null))).isEqualTo("must not list an empty value");
    }

    @Test
    void aBoundRecordIsCheckedWhole() {
        Settings settings = new Settings(Duration.ZERO, DataSize.ofBytes(1), 2000, 0.5, null, List.of());
        Errors errors = new BeanPropertyBindingResult(settings, "test");
        SettingRules rules = new SettingRules();

        assertThat(rules.supports(Settings.class)).isTrue();
        assertThat(rules.supports(String.class)).isFalse();
        rules.validate(settings, errors);
        assertThat(errors.getFieldErrors()).extracting(error -> error.getField() + " " + error.getDefaultMessage())
            .containsExactly("pause must be a duration from 100ms to 1m",
                    "count must be a whole number from 1 to 1024");
    }

    private static @Nullable String problem(String name, @Nullable Object value) {
        RecordComponent component = Arrays.stream(Settings.class.getRecordComponents())
            .filter(candidate -> candidate.getName().equals(name))
            .findFirst()
            .orElseThrow();
        return SettingRules.problem(component, value);
    }

}
