package dev.loopinfo.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/** docs/configuration.md lists every loopinfo setting, and nothing that is not one. */
class SettingsDocumentedTest {

    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(loopinfo\\.[a-z0-9.-]+)` \\|", Pattern.MULTILINE);

    @Test
    void everySettingIsDocumentedAndEveryDocumentedSettingExists() throws IOException {
        Set<String> settings = new TreeSet<>();
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        scan.findCandidateComponents("dev.loopinfo").forEach(candidate -> {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            if (!prefix.startsWith("loopinfo.")) {
                return; // the records tests make for themselves
            }
            for (RecordComponent component : type.getRecordComponents()) {
                settings.add(prefix + "." + component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase());
            }
        });
        Set<String> documented = new TreeSet<>();
        Matcher rows = DOCUMENTED.matcher(Files.readString(Path.of("docs/configuration.md")));
        while (rows.find()) {
            documented.add(rows.group(1));
        }

        assertThat(settings).as("settings records").hasSizeGreaterThan(30);
        assertThat(documented).as("rows of docs/configuration.md").containsExactlyElementsOf(settings);
    }

}
