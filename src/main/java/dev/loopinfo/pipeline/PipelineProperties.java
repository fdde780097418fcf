package dev.loopinfo.pipeline;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the producer–consumer pipeline, under {@code loopinfo.pipeline}.
 *
 * @param enabled whether the continuous pipeline runs at all
 * @param interval how often the producer ticks
 * @param batch messages produced per tick
 * @param work simulated, non-blocking work per message in the consumer
 * @param failureRate probability that one consumer attempt fails (fault demos)
 * @param retries how often a failed message is retried before it counts as failed
 * @param concurrency messages the consumer handles at once; 1 replays the original's lockstep
 * @param bufferSize most messages waiting between producer and consumer
 * @param overflow what happens when the buffer is full
 * @param shutdownTimeout how long shutdown waits for in-flight messages
 * @param transcriptLines transcript lines kept for the live page
 * @param eventsInterval how often {@code /pipeline/events} sends a snapshot
 * @param heartbeatInterval how often {@code /pipeline/events} sends a keep-alive comment
 * @param maxRunCount most messages one {@code POST /api/pipeline/runs} may ask for
 */
@ConfigurationProperties("loopinfo.pipeline")
@Validated
record PipelineProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") @DurationMin(millis = MIN_INTERVAL_MILLIS) @DurationMax(hours = MAX_INTERVAL_HOURS)
        Duration interval,
        @DefaultValue("1") @Min(1) @Max(100_000) int batch,
        @DefaultValue("0s") @DurationMin(millis = 0) @DurationMax(minutes = 10) Duration work,
        @DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double failureRate,
        @DefaultValue("2") @Min(0) @Max(100) int retries,
        @DefaultValue("1") @Min(1) @Max(10_000) int concurrency,
        @DefaultValue("256") @Min(1) @Max(1_000_000) int bufferSize,
        @DefaultValue("backpressure") @NotNull Overflow overflow,
        @DefaultValue("10s") @DurationMin(millis = 0) @DurationMax(minutes = 10) Duration shutdownTimeout,
        @DefaultValue("200") @Min(1) @Max(10_000) int transcriptLines,
        @DefaultValue("1s") @DurationMin(millis = 100) @DurationMax(minutes = 1) Duration eventsInterval,
        @DefaultValue("15s") @DurationMin(seconds = 1) @DurationMax(minutes = 10) Duration heartbeatInterval,
        @DefaultValue("1000") @Min(1) @Max(100_000) int maxRunCount) {

    /** The interval's range: the setting's (above) and the Actuator control's, written once. */
    static final long MIN_INTERVAL_MILLIS = 1;

    static final long MAX_INTERVAL_HOURS = 1;

    static final Duration MIN_INTERVAL = Duration.ofMillis(MIN_INTERVAL_MILLIS);

    static final Duration MAX_INTERVAL = Duration.ofHours(MAX_INTERVAL_HOURS);

    /** The range in words, for an interval the Actuator control refuses. */
    static final String INTERVAL_RULE = "interval must be a duration from " + MIN_INTERVAL_MILLIS + "ms to "
            + MAX_INTERVAL_HOURS + "h, such as \"250ms\" or \"2s\".";
}
