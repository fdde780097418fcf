package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The pipeline's meters: its account as counters and gauges read when scraped, whether it
 * runs, and each message's time from produced to acknowledged.
 */
final class PipelineMeters {

    /**
     * Sub-millisecond when the consumer does no work, seconds to minutes with simulated
     * work and retries.
     */
    private static final Duration[] LATENCY_BUCKETS = { Duration.ofMillis(1), Duration.ofMillis(10),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1) };

    private final Timer latency;

    PipelineMeters(MeterRegistry registry, PipelineAccount account, PipelineProperties settings,
            BooleanSupplier producing) {
        this.latency = Timer.builder("loopinfo.pipeline.latency")
            .description("Time from producing a message to its acknowledgement, retries included")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
        Map<String, ToDoubleFunction<PipelineAccount>> outcomes = Map.of("produced", PipelineAccount::produced,
                "acknowledged", PipelineAccount::acknowledged, "failed", PipelineAccount::failed, "dropped",
                PipelineAccount::dropped, "deferred", PipelineAccount::deferred);
        outcomes.forEach((outcome, count) -> FunctionCounter.builder("loopinfo.pipeline.messages", account, count)
            .description("Pipeline messages by outcome; deferred counts messages the producer held back")
            .tag("outcome", outcome)
            .baseUnit("messages")
            .register(registry));
        FunctionCounter.builder("loopinfo.pipeline.ticks.skipped", account, PipelineAccount::skippedTicks)
            .description("Producer ticks skipped because the last batch took longer than the interval")
            .register(registry);
        Gauge.builder("loopinfo.pipeline.in.flight", account, PipelineAccount::inFlight)
            .description("Messages produced and not yet settled: buffered or being consumed")
            .baseUnit("messages")
            .register(registry);
        Gauge.builder("loopinfo.pipeline.buffered", account, PipelineAccount::buffered)
            .description("Messages waiting in the buffer between producer and consumer")
            .baseUnit("messages")
            .register(registry);
        Gauge.builder("loopinfo.pipeline.buffer.capacity", settings, PipelineProperties::bufferSize)
            .description("Most messages the buffer holds (loopinfo.pipeline.buffer-size)")
            .baseUnit("messages")
            .register(registry);
        Gauge.builder("loopinfo.pipeline.running", producing, now -> now.getAsBoolean() ? 1 : 0)
            .description("1 while the pipeline is producing, 0 when paused, stopped or not started")
            // Nothing else holds the question, and a gauge holds weakly by default.
            .strongReference(true)
            .register(registry);
    }

    /** A message acknowledged {@code nanos} after it was produced. */
    void acknowledged(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

}
