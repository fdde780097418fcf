package dev.loopinfo.lessons;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the lesson pages, under {@code loopinfo.lessons}.
 *
 * @param sleep the lessons' {@code asyncio.sleep(1)}
 * @param linePause the pause between lines when the producer–consumer transcript is replayed
 * @param blockingRuns the most runs of the blocking lesson at once, each holding a thread of its own for about two
 *     {@code sleep}s; one more is refused with 503
 */
@ConfigurationProperties("loopinfo.lessons")
@Validated
record LessonsProperties(
        @DefaultValue("1s") @DurationMin(millis = 0) @DurationMax(seconds = 30) Duration sleep,
        @DefaultValue("200ms") @DurationMin(millis = 0) @DurationMax(seconds = 5) Duration linePause,
        @DefaultValue("4") @Min(1) @Max(64) int blockingRuns) {
}
