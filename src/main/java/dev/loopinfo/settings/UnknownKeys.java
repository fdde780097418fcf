package dev.loopinfo.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * The {@code loopinfo.*} keys written anywhere that are no setting, each with the closest
 * setting as advice: a misspelt key would otherwise be ignored, and its default taken
 * without a word.
 */
final class UnknownKeys {

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("loopinfo");

    /** The most a misspelt key may differ from the setting it is taken for. */
    private static final int MOST_EDITS = 3;

    private final List<String> known;

    private final List<String> collections;

    /**
     * Keys against the known settings; a key below one of {@code collections} is an
     * element of that list.
     */
    UnknownKeys(List<String> known, List<String> collections) {
        this.known = known;
        this.collections = collections.stream().map(UnknownKeys::uniform).toList();
    }

    /**
     * Each key written that is no setting, as the first source that has it writes it,
     * with its advice.
     */
    List<Unknown> in(Environment environment) {
        List<Unknown> unknown = new ArrayList<>();
        for (ConfigurationProperty key : writtenKeys(environment)) {
            String name = key.getName().toString();
            String uniform = uniform(name);
            if (known.stream().noneMatch(setting -> uniform(setting).equals(uniform))
                    && collections.stream().noneMatch(uniform::startsWith)) {
                unknown.add(new Unknown(key, "is not a loopinfo setting" + closest(name)));
            }
        }
        return unknown;
    }

    /**
     * Every {@code loopinfo.*} key written anywhere, once, as the first source that has
     * it writes it.
     */
    private static List<ConfigurationProperty> writtenKeys(Environment environment) {
        List<ConfigurationProperty> keys = new ArrayList<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.filter(PREFIX::isAncestorOf)
                    .stream()
                    .filter(name -> keys.stream().noneMatch(key -> key.getName().equals(name)))
                    .forEach(name -> keys.add(iterable.getConfigurationProperty(name)));
            }
        }
        return keys;
    }

    /**
     * A key as every source may spell it, for comparing: no case, dots, dashes or
     * brackets (an environment variable's underscores come through as dots:
     * {@code LOOPINFO_GREETING_MAX_NAME_LENGTH} is
     * {@code loopinfo.greeting.max.name.length}).
     */
    private static String uniform(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The known setting closest to a misspelt one, as advice, or nothing when none is
     * close.
     */
    private String closest(String written) {
        return known.stream()
            .min(Comparator.comparingInt(name -> edits(written, name)))
            .filter(name -> edits(written, name) <= MOST_EDITS)
            .map(name -> "; did you mean " + name + "?")
            .orElse("");
    }

    /**
     * Levenshtein's distance: the fewest single-letter edits from one name to the other.
     */
    private static int edits(String from, String to) {
        int[] previous = new int[to.length() + 1];
        int[] current = new int[to.length() + 1];
        for (int j = 0; j <= to.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= from.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= to.length(); j++) {
                int substitution = previous[j - 1] + ((from.charAt(i - 1) == to.charAt(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[to.length()];
    }

    /** A key that is no setting, and what to say of it. */
    record Unknown(ConfigurationProperty key, String problem) {
    }

}
