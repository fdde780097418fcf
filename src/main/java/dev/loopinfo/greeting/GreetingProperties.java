package dev.loopinfo.greeting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.loopinfo.settings.Range;

/**
 * Settings of the greeting page, under {@code loopinfo.greeting}.
 *
 * @param delay how long a greeting waits, without blocking any thread, before it answers
 * @param maxNameLength the longest name accepted, in Unicode code points after trimming
 */
@ConfigurationProperties("loopinfo.greeting")
record GreetingProperties(@DefaultValue("500ms") @Range(min = "0s", max = "1m") Duration delay,
        @DefaultValue("64") @Range(min = "1", max = "1024") int maxNameLength) {
}
