package dev.loopinfo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The continuous pipeline under virtual time: bounded, lossless where promised, and
 * always accounted for.
 */
@ExtendWith(OutputCaptureExtension.class)
class PipelineTest {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Pipeline pipeline;

    private PipelineControls controls;

    @AfterEach
    void disposeTime() {
        time.dispose();
    }

    @Test
    void aMillionMessagesUnderBackpressureLoseNone() {
        start(PipelineSettings.with("interval", "1ms", "batch", "500", "work", "1ms", "concurrency", "100",
                "buffer-size", "256", "overflow", "backpressure", "transcript-lines", "10"));

        for (PipelineSnapshot now = controls.snapshot().block(); now.produced() < 1_000_000; now = controls.snapshot()
            .block()) {
            time.advanceTimeBy(Duration.ofMillis(50));
            assertThat(now.buffered()).isLessThanOrEqualTo(256);
            assertBalanced(now);
        }
        controls.pause().block();
        time.advanceTimeBy(Duration.ofSeconds(1));

        PipelineSnapshot account = controls.snapshot().block();
        assertThat(account.produced()).isGreaterThanOrEqualTo(1_000_000);
        assertThat(account.acknowledged()).isEqualTo(account.produced());
        assertThat(account.dropped()).isZero();
        assertThat(account.failed()).isZero();
        assertThat(account.inFlight()).isZero();
        // The consumer (100 per ms) could not keep up with the producer (500 per ms): the
        // producer held back.
        assertThat(account.deferred()).isGreaterThan(account.produced());
    }

    @Test
    void backpressureDefersProductionWhileTheBufferIsFull() {
        start(slowConsumer("backpressure"));

        time.advanceTimeBy(Duration.ofMillis(2050)); // 20 ticks

        PipelineSnapshot account = controls.snapshot().block();
        assertThat(account.produced()).isEqualTo(5); // 1 being consumed + 4 buffered
        assertThat(account.consuming()).isEqualTo(1);
        assertThat(account.buffered()).isEqualTo(4);
        assertThat(account.deferred()).isEqualTo(15);
        assertThat(account.dropped()).isZero();
        assertBalanced(account);

        drain();
        assertThat(consumedNumbers()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(controls.snapshot().block().acknowledged()).isEqualTo(5);
    }

    @Test
    void dropNewestKeepsTheOldestBufferedMessages() {
        start(slowConsumer("drop-newest"));

        time.advanceTimeBy(Duration.ofMillis(2050));

        PipelineSnapshot account = controls.snapshot().block();
        assertThat(account.produced()).isEqualTo(20);
        assertThat(account.buffered()).isEqualTo(4);
        assertThat(account.dropped()).isEqualTo(15);
        assertThat(account.deferred()).isZero();
        assertBalanced(account);

        drain();
        assertThat(consumedNumbers()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(controls.transcript().block()).contains("[PRODUCER] Dropped 6: buffer full",
                "[PRODUCER] Dropped 20: buffer full");
    }

    @Test
    void dropOldestKeepsTheNewestBufferedMessages() {
        start(slowConsumer("drop-oldest"));

        time.advanceTimeBy(Duration.ofMillis(2050));

        PipelineSnapshot account = controls.snapshot().block();
        assertThat(account.produced()).isEqualTo(20);
        assertThat(account.buffered()).isEqualTo(4);
        assertThat(account.dropped()).isEqualTo(15);
        assertBalanced(account);

        drain();
        assertThat(consumedNumbers()).containsExactly(1L, 17L, 18L, 19L, 20L);
        assertThat(controls.transcript().block()).contains("[PRODUCER] Dropped 2: buffer full",
                "[PRODUCER] Dropped 16: buffer full");
    }

    // With no work the consumer answers at once and the attempts are made in a loop; with
    // work, each attempt is a timer and Reactor retries it. Both must keep the same
    // account and write the same transcript.
    @ParameterizedTest(name = "work {0}")
    @ValueSource(strings = { "0s", "20ms" })
    void failedMessagesAreRetriedThenCountedAndThePipelineGoesOn(String work) {
        // Multiples of 5 fail every attempt; other multiples of 3 fail twice, then
        // succeed on the third attempt.
        Consumer.Failures failures = (message, attempt) -> message.number() % 5 == 0
                || (message.number() % 3 == 0 && attempt <= 2);
        start(PipelineSettings.with("retries", "2", "transcript-lines", "1000", "work", work), failures);

        time.advanceTimeBy(Duration.ofMillis(30_500));

        PipelineSnapshot account = controls.snapshot().block();
        assertThat(account.produced()).isEqualTo(30);
        assertThat(account.failed()).isEqualTo(6);
        assertThat(account.acknowledged()).isEqualTo(24);
        assertBalanced(account);
        List<String> transcript = controls.transcript().block();
        assertThat(transcript).containsSubsequence("[CONSUMER] Consuming 3...", "[CONSUMER] Failed 3 on attempt 1",
                "[CONSUMER] Consuming 3...", "[CONSUMER] Failed 3 on attempt 2", "[CONSUMER] Consuming 3...",
                "[PRODUCER] Consumer return: 200 OK");
        assertThat(transcript).contains("[PRODUCER] Consumer failed 5 after 3 attempts: injected failure");

        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(controls.snapshot().block().produced()).isEqualTo(40);
    }

    @ParameterizedTest(name = "work {0}")
    @ValueSource(strings = { "0s", "20ms" })
    void anUnexpectedErrorInTheConsumerIsAFailedAttemptNotTheEnd(String work) {
        Consumer.Failures broken = (message, attempt) -> {
            throw new IllegalStateException("consumer bug");
        };
        start(PipelineSettings.with("retries", "1", "work", work), broken);

        time.advanceTimeBy(Duration.ofMillis(3_500));

        PipelineSnapshot account = controls.snapshot().block();
        assertThat(account.state()).isEqualTo("RUNNING");
        assertThat(account.produced()).isEqualTo(3);
        assertThat(account.failed()).isEqualTo(3);
        assertBalanced(account);
        assertThat(controls.transcript().block())
            .contains("[PRODUCER] Consumer failed 3 after 2 attempts: consumer bug");
    }

    @Test
    void aConsumerThatAlwaysFailsNeverStopsThePipeline() {
        start(PipelineSettings.with("retries", "0"), Consumer.Failures.atRate(1.0));

        time.advanceTimeBy(Duration.ofMillis(10_500));

        PipelineSnapshot account = controls.snapshot().block();
        assertThat(account.state()).isEqualTo("RUNNING");
        assertThat(account.produced()).isEqualTo(10);
        assertThat(account.failed()).isEqualTo(10);
        assertBalanced(account);
    }

    @Test
    void metricsTellTheSameAccount() {
        start(PipelineSettings.with("interval", "100ms", "work", "250ms", "concurrency", "2", "buffer-size", "3",
                "overflow", "drop-newest"));
        time.advanceTimeBy(Duration.ofMillis(2050));

        PipelineSnapshot account = controls.snapshot().block();
        assertThat(counted("produced")).isEqualTo(account.produced()).isEqualTo(20);
        assertThat(counted("acknowledged")).isEqualTo(account.acknowledged()).isPositive();
        assertThat(counted("dropped")).isEqualTo(account.dropped()).isPositive();
        assertThat(counted("failed")).isEqualTo(account.failed());
        assertThat(counted("deferred")).isEqualTo(account.deferred());
        assertThat(registry.get("loopinfo.pipeline.in.flight").gauge().value()).isEqualTo(account.inFlight());
        assertThat(registry.get("loopinfo.pipeline.buffered").gauge().value()).isEqualTo(account.buffered());
        assertThat(registry.get("loopinfo.pipeline.buffer.capacity").gauge().value()).isEqualTo(3);
        assertThat(registry.get("loopinfo.pipeline.running").gauge().value()).isEqualTo(1);
        Timer latency = registry.get("loopinfo.pipeline.latency").timer();
        assertThat(latency.count()).isEqualTo(account.acknowledged());
        // Every acknowledged message waited for its 250 ms of work, some also in the
        // buffer.
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(250.0 * latency.count());
        assertThat(latency.max(TimeUnit.MILLISECONDS)).isGreaterThan(250);
    }

    private double counted(String outcome) {
        return registry.get("loopinfo.pipeline.messages").tag("outcome", outcome).functionCounter().count();
    }

    @Test
    void pauseStopsProducingAndResumeGoesOn() {
        start(PipelineSettings.with());
        time.advanceTimeBy(Duration.ofMillis(3500));

        assertThat(controls.pause().block().state()).isEqualTo("PAUSED");
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(controls.snapshot().block().produced()).isEqualTo(3);

        assertThat(controls.resume().block().state()).isEqualTo("RUNNING");
        time.advanceTimeBy(Duration.ofMillis(2500));
        assertThat(controls.snapshot().block().produced()).isEqualTo(5);
    }

    @Test
    void theIntervalCanBeChangedWhileRunning() {
        start(PipelineSettings.with());
        time.advanceTimeBy(Duration.ofMillis(2500));

        assertThat(controls.interval(Duration.ofMillis(100)).block().settings().intervalMillis()).isEqualTo(100);
        time.advanceTimeBy(Duration.ofMillis(1050));

        assertThat(controls.snapshot().block().produced()).isEqualTo(2 + 10);
    }

    @Test
    void shutdownStopsProducingAndDrainsInFlightMessages(CapturedOutput output) {
        start(PipelineSettings.with("work", "10s", "concurrency", "4"));
        time.advanceTimeBy(Duration.ofMillis(3500));
        assertThat(controls.snapshot().block().inFlight()).isEqualTo(3);

        AtomicBoolean done = new AtomicBoolean();
        pipeline.stop(() -> done.set(true));
        assertThat(controls.snapshot().block().state()).isEqualTo("STOPPING");
        time.advanceTimeBy(Duration.ofSeconds(5));
        assertThat(done).isFalse();
        assertThat(controls.snapshot().block().produced()).isEqualTo(3);

        time.advanceTimeBy(Duration.ofSeconds(5));

        assertThat(done).isTrue();
        assertThat(controls.snapshot().block().state()).isEqualTo("STOPPED");
        assertThat(controls.stopped().toFuture()).isCompleted();
        PipelineSnapshot account = controls.snapshot().block();
        assertThat(account.acknowledged()).isEqualTo(3);
        assertThat(account.inFlight()).isZero();
        assertThat(output).contains(
                "Pipeline stopped: produced 3 = acknowledged 3 + failed 0 + dropped 0 + in flight 0 (deferred 0)");
    }

    @Test
    void shutdownWaitsNoLongerThanItsTimeout(CapturedOutput output) {
        start(PipelineSettings.with("work", "1h", "concurrency", "4", "shutdown-timeout", "2s"));
        time.advanceTimeBy(Duration.ofMillis(3500));

        AtomicBoolean done = new AtomicBoolean();
        pipeline.stop(() -> done.set(true));
        time.advanceTimeBy(Duration.ofMillis(1999));
        assertThat(done).isFalse();
        time.advanceTimeBy(Duration.ofMillis(1));

        assertThat(done).isTrue();
        // What the stop gave up on is counted: the three being consumed failed.
        assertThat(output).contains("Pipeline stopped before 3 message(s) settled",
                "Pipeline stopped: produced 3 = acknowledged 0 + failed 3 + dropped 0 + in flight 0 (deferred 0)");
    }

    @Test
    void aStoppedPipelineStartsAgainAndKeepsCounting() {
        start(PipelineSettings.with());
        time.advanceTimeBy(Duration.ofMillis(2500));
        AtomicBoolean done = new AtomicBoolean();
        pipeline.stop(() -> done.set(true));
        assertThat(done).isTrue();
        assertThat(controls.stopped().toFuture()).isCompleted();

        pipeline.start();

        assertThat(pipeline.isRunning()).isTrue();
        assertThat(controls.stopped().toFuture()).isNotDone();
        time.advanceTimeBy(Duration.ofMillis(2000));
        PipelineSnapshot account = controls.snapshot().block();
        assertThat(account.produced()).isEqualTo(4);
        assertThat(account.acknowledged()).isEqualTo(4);
        assertThat(controls.transcript().block()).contains("[PRODUCER] Producing 4...");
    }

    @Test
    void aPipelineNeverStartedStopsAtOnce() {
        pipeline = new Pipeline(PipelineSettings.with(), time, Consumer.Failures.NONE, registry, this::virtualNanos);
        controls = new PipelineControls(pipeline);
        AtomicBoolean done = new AtomicBoolean();

        pipeline.stop(() -> done.set(true));

        assertThat(done).isTrue();
        assertThat(pipeline.isRunning()).isFalse();
    }

    @Test
    void aStopThatTimesOutCountsWhatItDiscardsAndARestartProducesAgain(CapturedOutput output) {
        start(PipelineSettings.with("interval", "100ms", "work", "1h", "buffer-size", "4", "shutdown-timeout", "1s"));
        time.advanceTimeBy(Duration.ofMillis(1000));
        // One being consumed, four buffered
        assertThat(controls.snapshot().block().inFlight()).isEqualTo(5);

        AtomicBoolean done = new AtomicBoolean();
        pipeline.stop(() -> done.set(true));
        time.advanceTimeBy(Duration.ofSeconds(1));

        assertThat(done).isTrue();
        PipelineSnapshot account = controls.snapshot().block();
        assertBalanced(account);
        assertThat(account.inFlight()).isZero();
        assertThat(account.dropped()).isEqualTo(4);
        assertThat(account.failed()).isEqualTo(1);
        assertThat(output).contains("Pipeline stopped before 5 message(s) settled: 4 buffered counted as dropped, "
                + "1 being consumed as failed");

        pipeline.start();
        time.advanceTimeBy(Duration.ofMillis(500));
        assertThat(controls.snapshot().block().produced()).isGreaterThan(account.produced());
        assertBalanced(controls.snapshot().block());
    }

    @Test
    void aDisabledPipelineStaysOffWhenStartedExplicitly() {
        start(PipelineSettings.with("enabled", "false"));

        assertThat(pipeline.isRunning()).isFalse();
        assertThat(controls.snapshot().block().state()).isEqualTo("NOT_STARTED");
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(controls.snapshot().block().produced()).isZero();
    }

    @Test
    void aPipelineNotRunningEndsItsListenersWhenTheApplicationCloses() {
        start(PipelineSettings.with("enabled", "false"));
        CompletableFuture<Void> stopped = controls.stopped().toFuture();

        pipeline.applicationClosing();

        assertThat(stopped).isDone();
    }

    /**
     * One message is taken by the consumer and sticks; every tick after that meets a full
     * buffer of 4.
     */
    private static PipelineProperties slowConsumer(String overflow) {
        return PipelineSettings.with("interval", "100ms", "work", "1h", "buffer-size", "4", "overflow", overflow);
    }

    private void start(PipelineProperties settings) {
        start(settings, Consumer.Failures.NONE);
    }

    private void start(PipelineProperties settings, Consumer.Failures failures) {
        pipeline = new Pipeline(settings, time, failures, registry, this::virtualNanos);
        controls = new PipelineControls(pipeline);
        pipeline.start();
    }

    private long virtualNanos() {
        return time.now(TimeUnit.NANOSECONDS);
    }

    /** Stops producing and lets the consumer finish everything produced so far. */
    private void drain() {
        controls.pause().block();
        time.advanceTimeBy(Duration.ofHours(6));
        PipelineSnapshot account = controls.snapshot().block();
        assertThat(account.inFlight()).isZero();
        assertBalanced(account);
    }

    private List<Long> consumedNumbers() {
        return controls.transcript()
            .block()
            .stream()
            .filter(line -> line.startsWith("[CONSUMER] Consuming "))
            .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
            .toList();
    }

    private static void assertBalanced(PipelineSnapshot account) {
        assertThat(account.produced())
            .isEqualTo(account.acknowledged() + account.failed() + account.dropped() + account.inFlight());
        assertThat(account.inFlight()).isEqualTo(account.buffered() + account.consuming());
        assertThat(account.buffered()).isNotNegative();
        assertThat(account.consuming()).isNotNegative();
    }

}
