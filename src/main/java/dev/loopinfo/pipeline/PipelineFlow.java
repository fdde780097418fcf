package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Scheduler;

/**
 * The producer → consumer → "200 OK" flow as one Reactor chain: a producer's clock
 * ticking batches into a bounded buffer, a consumer of configurable concurrency with
 * retries, and every outcome settled in the {@link PipelineAccount}. Everything in it
 * happens on the pipeline's one thread.
 */
final class PipelineFlow {

    private static final Logger log = LoggerFactory.getLogger(PipelineFlow.class);

    private final PipelineProperties settings;

    private final Scheduler scheduler;

    private final LongSupplier nanoClock;

    private final TranscriptRing transcript;

    private final PipelineAccount account = new PipelineAccount();

    private final Producer producer;

    private final Consumer consumer;

    private final PipelineMeters meters;

    /**
     * The producer's clock: the latest tick interval, or paused. Replaying it restarts
     * the ticks.
     */
    private final Sinks.Many<Clock> clock = Sinks.many().replay().latest();

    /** Empty until a drain begins; then completes once nothing is in flight. */
    private Sinks.Empty<Void> drained = Sinks.empty();

    private boolean draining;

    private Disposable running;

    /**
     * A flow on the given scheduler; {@code nanoClock} times messages from produce to
     * acknowledge, and {@code producing} tells the meters whether the pipeline is
     * producing now.
     */
    PipelineFlow(PipelineProperties settings, Scheduler scheduler, Consumer.Failures failures, MeterRegistry registry,
            LongSupplier nanoClock, BooleanSupplier producing) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.transcript = new TranscriptRing(settings.transcriptLines());
        this.producer = new Producer(transcript, nanoClock);
        this.consumer = new Consumer(settings.work(), settings.retries(), failures, transcript, scheduler);
        this.meters = new PipelineMeters(registry, account, settings, producing);
    }

    /** Subscribes the chain; nothing is produced until the clock is set ticking. */
    void subscribe() {
        draining = false;
        running = clock.asFlux()
            .switchMap(now -> now.paused() ? Flux.never() : ticks(now.interval()))
            .concatMap(tick -> Flux.range(0, settings.batch()).handle(this::produce))
            .onBackpressureBuffer(settings.bufferSize(), this::drop, overflowStrategy())
            .flatMap(this::consume, settings.concurrency())
            .subscribe(this::settle, error -> log.error("Pipeline failed", error));
    }

    /**
     * Sets the producer's clock: ticking every {@code interval}, the next tick one
     * interval from now, or paused.
     */
    void clock(Duration interval, boolean paused) {
        // Start-up runs on Spring's thread, controls on the pipeline's: retry the rare
        // overlap, never fail it.
        clock.emitNext(new Clock(interval, paused), Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
    }

    /**
     * Completes once every message produced so far has settled; call with the clock
     * paused.
     */
    Mono<Void> drained() {
        draining = true;
        drained = Sinks.empty();
        settleIfDrained();
        return drained.asMono();
    }

    /**
     * Ends the chain. What it still held is gone, counted so that the account balances
     * with nothing in flight and a flow subscribed again does not hold back for a buffer
     * no longer there.
     */
    void dispose() {
        running.dispose();
        PipelineAccount.Counts left = account.discardInFlight();
        if (left.inFlight() > 0) {
            log.warn("Pipeline stopped before {} message(s) settled: {} buffered counted as dropped, {} being consumed "
                    + "as failed", left.inFlight(), left.buffered(), left.consuming());
        }
    }

    PipelineAccount.Counts counts() {
        return account.now();
    }

    TranscriptRing transcript() {
        return transcript;
    }

    /**
     * The producer's ticks, each one interval after the last one's batch was produced.
     * {@code Flux.interval} ticks at a fixed rate: when a batch takes longer than the
     * interval, its overdue ticks always come before anything else waiting for the
     * pipeline's one thread, so controls, snapshots and the stop never got their turn.
     * Here controls queued during a batch run before the next tick, and the ticks that
     * could not happen on time are skipped and counted.
     */
    private Flux<Long> ticks(Duration every) {
        long everyNanos = every.toNanos();
        AtomicLong due = new AtomicLong(scheduler.now(TimeUnit.NANOSECONDS) + everyNanos);
        return Mono.delay(every, scheduler).repeat().doOnNext(tick -> {
            long now = scheduler.now(TimeUnit.NANOSECONDS);
            long missed = (now - due.get()) / everyNanos;
            if (missed > 0) {
                account.onTicksSkipped(missed);
            }
            due.set(now + everyNanos);
        });
    }

    private void produce(Integer slot, SynchronousSink<Message> sink) {
        if (settings.overflow() == Overflow.BACKPRESSURE && account.buffered() >= settings.bufferSize()) {
            account.onDeferred();
            return;
        }
        account.onProduced();
        sink.next(producer.produce());
    }

    private void drop(Message message) {
        account.onDropped();
        producer.dropped(message);
    }

    private Mono<Consumer.Outcome> consume(Message message) {
        account.onStarted();
        return consumer.handle(message);
    }

    private void settle(Consumer.Outcome outcome) {
        if (outcome.failure() == null) {
            meters.acknowledged(nanoClock.getAsLong() - outcome.message().producedAt());
            account.onAcknowledged();
            producer.received(outcome.reply());
        }
        else {
            account.onFailed();
            producer.gaveUp(outcome.message(), outcome.attempts(), outcome.failure());
        }
        settleIfDrained();
    }

    private void settleIfDrained() {
        if (draining && account.inFlight() == 0) {
            drained.tryEmitEmpty();
        }
    }

    private BufferOverflowStrategy overflowStrategy() {
        // In backpressure mode the producer never overfills the buffer; should it, the
        // newest message is dropped and counted rather than failing the pipeline.
        return (settings.overflow() == Overflow.DROP_OLDEST) ? BufferOverflowStrategy.DROP_OLDEST
                : BufferOverflowStrategy.DROP_LATEST;
    }

    private record Clock(Duration interval, boolean paused) {
    }

}
