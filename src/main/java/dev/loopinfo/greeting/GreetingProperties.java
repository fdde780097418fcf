package dev.loopinfo.greeting;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the greeting page, under {@code loopinfo.greeting}.
 *
 * @param delay how long a greeting waits, without blocking any thread, before it answers
 * @param maxNameLength the longest name accepted, in Unicode code points after trimming
 */
@ConfigurationProperties("loopinfo.greeting")
@Validated
record GreetingProperties(
        @DefaultValue("500ms") @DurationMin(millis = 0) @DurationMax(minutes = 1) Duration delay,
        @DefaultValue("64") @Min(1) @Max(1024) int maxNameLength) {
}
