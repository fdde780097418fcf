package dev.loopinfo.pipeline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.loopinfo.settings.Range;

/**
 * Settings of the producer–consumer pipeline, under {@code loopinfo.pipeline}.
 *
 * @param enabled whether the continuous pipeline runs at all
 * @param interval how often the producer ticks
 * @param batch messages produced per tick
 * @param work simulated, non-blocking work per message in the consumer
 * @param failureRate probability that one consumer attempt fails (fault demos)
 * @param retries how often a failed message is retried before it counts as failed
 * @param concurrency messages the consumer handles at once; 1 replays the original's
 * lockstep
 * @param bufferSize most messages waiting between producer and consumer
 * @param overflow what happens when the buffer is full
 * @param shutdownTimeout how long shutdown waits for in-flight messages
 * @param transcriptLines transcript lines kept for the live page
 * @param eventsInterval how often {@code /pipeline/events} sends a snapshot
 * @param maxRunCount most messages one {@code POST /api/pipeline/runs} may ask for
 */
@ConfigurationProperties("loopinfo.pipeline")
record PipelineProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("1s") @Range(min = "1ms", max = "1h") Duration interval,
        @DefaultValue("1") @Range(min = "1", max = "100000") int batch,
        @DefaultValue("0s") @Range(min = "0s", max = "10m") Duration work,
        @DefaultValue("0") @Range(min = "0", max = "1") double failureRate,
        @DefaultValue("2") @Range(min = "0", max = "100") int retries,
        @DefaultValue("1") @Range(min = "1", max = "10000") int concurrency,
        @DefaultValue("256") @Range(min = "1", max = "1000000") int bufferSize,
        @DefaultValue("backpressure") Overflow overflow,
        @DefaultValue("10s") @Range(min = "0s", max = "10m") Duration shutdownTimeout,
        @DefaultValue("200") @Range(min = "1", max = "10000") int transcriptLines,
        @DefaultValue("1s") @Range(min = "100ms", max = "1m") Duration eventsInterval,
        @DefaultValue("1000") @Range(min = "1", max = "100000") int maxRunCount) {
}
