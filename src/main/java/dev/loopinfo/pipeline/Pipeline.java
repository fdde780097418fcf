package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The original producer → consumer → "200 OK" flow, run continuously, and its life: a ticking producer, a bounded
 * buffer, a consumer of configurable concurrency and the replies flowing back; started, paused, re-timed and
 * drained at stop. Like the original it runs on one thread, the pipeline scheduler's, with no locks: every count
 * in its {@link PipelineAccount} changes there, and controls and snapshots hop there too.
 */
class Pipeline implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /** Where the pipeline is in its life. */
    public enum State {
        NOT_STARTED, RUNNING, PAUSED, STOPPING, STOPPED
    }

    private final PipelineProperties settings;

    private final Scheduler scheduler;

    private final TranscriptRing transcript;

    private final Producer producer;

    private final Consumer consumer;

    private final PipelineAccount account = new PipelineAccount();

    private final PipelineMeters meters;

    /** The producer's clock: the latest tick interval, or paused. Replaying it restarts the ticks. */
    private final Sinks.Many<Ticking> ticking = Sinks.many().replay().latest();

    private volatile Sinks.Empty<Void> drained = Sinks.empty();

    private volatile Sinks.Empty<Void> stopped = Sinks.empty();

    private volatile State state = State.NOT_STARTED;

    /** The pipeline's thread, named by the work that last hopped there (after shutdown, the last it had). */
    private volatile String thread = "";

    private volatile Duration interval;

    private Disposable flow;

    private final LongSupplier nanoClock;

    /**
     * A pipeline on the given scheduler; {@code nanoClock} times messages from produce to acknowledge
     * ({@code System::nanoTime}, or the virtual clock in tests).
     */
    Pipeline(PipelineProperties settings, Scheduler scheduler, Consumer.Failures failures, MeterRegistry registry,
            LongSupplier nanoClock) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.interval = settings.interval();
        this.transcript = new TranscriptRing(settings.transcriptLines());
        this.producer = new Producer(transcript, nanoClock);
        this.consumer = new Consumer(settings.work(), failures, transcript, scheduler);
        this.meters = new PipelineMeters(registry, this, account, settings, transcript);
    }

    /**
     * Starts producing; Spring starts the pipeline last, once the web server is up (unless it is disabled), and
     * may start it again after a stop.
     */
    @Override
    public void start() {
        // Spring's test contexts, and a context started again after a stop, call start() whatever isAutoStartup()
        // says: a disabled pipeline stays off.
        if (isRunning() || !settings.enabled()) {
            return;
        }
        stopped = Sinks.empty();
        flow = ticking.asFlux()
            .switchMap(clock -> clock.paused() ? Flux.never() : ticks(clock.interval()))
            .concatMap(tick -> Flux.range(0, settings.batch()).handle(this::produce))
            .onBackpressureBuffer(settings.bufferSize(), this::drop, overflowStrategy())
            .flatMap(this::consume, settings.concurrency())
            .subscribe(this::settle, error -> log.error("Pipeline failed", error));
        state = State.RUNNING;
        tick(false);
        log.info("Pipeline started: {} message(s) every {} ms, concurrency {}, buffer {} ({})",
                settings.batch(), interval.toMillis(), settings.concurrency(), settings.bufferSize(),
                settings.overflow().settingName());
    }

    /**
     * The producer's ticks, each one interval after the last one's batch was produced. {@code Flux.interval} ticks
     * at a fixed rate: when a batch takes longer than the interval, its overdue ticks always come before anything
     * else waiting for the pipeline's one thread, so controls, snapshots and the stop never got their turn. Here
     * controls queued during a batch run before the next tick, and the ticks that could not happen on time are
     * skipped and counted.
     */
    private Flux<Long> ticks(Duration every) {
        long everyNanos = every.toNanos();
        AtomicLong due = new AtomicLong(scheduler.now(TimeUnit.NANOSECONDS) + everyNanos);
        return Mono.delay(every, scheduler)
            .repeat()
            .doOnNext(tick -> {
                long now = scheduler.now(TimeUnit.NANOSECONDS);
                long missed = (now - due.get()) / everyNanos;
                if (missed > 0) {
                    account.onTicksSkipped(missed);
                }
                due.set(now + everyNanos);
            });
    }

    /** Runs unless {@code loopinfo.pipeline.enabled} is false. */
    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    /** Stops producing; messages already produced go on to the consumer. */
    public Mono<PipelineSnapshot> pause() {
        return control(() -> {
            if (state == State.RUNNING) {
                state = State.PAUSED;
                tick(true);
            }
        });
    }

    public Mono<PipelineSnapshot> resume() {
        return control(() -> {
            if (state == State.PAUSED) {
                state = State.RUNNING;
                tick(false);
            }
        });
    }

    /** Changes the producer's tick interval; the next tick comes one new interval from now. */
    public Mono<PipelineSnapshot> interval(Duration newInterval) {
        return control(() -> {
            interval = newInterval;
            if (state == State.RUNNING) {
                tick(false);
            }
        });
    }

    public Mono<PipelineSnapshot> snapshot() {
        return control(() -> {
        });
    }

    /** The last transcript lines, oldest first. */
    public Mono<List<String>> transcript() {
        return onPipelineThread(transcript::lines);
    }

    /** Each new transcript line; a listener that is not ready for a line misses it. */
    public Flux<String> transcriptLines() {
        return transcript.live();
    }

    /** Completes when the pipeline, as running now, stops, or when the application closes with it not running. */
    public Mono<Void> stopped() {
        return Mono.defer(() -> stopped.asMono());
    }

    /**
     * A pipeline that is not running (disabled) is never stopped by Spring; whatever waits on {@link #stopped()},
     * such as an open event stream, must still end before the web server's graceful shutdown waits for it.
     */
    @EventListener(ContextClosedEvent.class)
    void applicationClosing() {
        if (!isRunning()) {
            stopped.tryEmitEmpty();
        }
    }

    public State state() {
        return state;
    }

    /**
     * Stops producing, waits up to {@code shutdown-timeout} for in-flight messages to settle, logs the final
     * account, then tells Spring it is done.
     */
    @Override
    public void stop(Runnable done) {
        schedule(() -> {
            if (!isRunning()) {
                done.run();
                return;
            }
            state = State.STOPPING;
            drained = Sinks.empty();
            tick(true);
            log.info("Pipeline stopping: waiting up to {} ms for {} in-flight message(s)",
                    settings.shutdownTimeout().toMillis(), account.inFlight());
            settleIfDrained();
            drained.asMono()
                .timeout(settings.shutdownTimeout(), scheduler)
                .onErrorResume(TimeoutException.class, late -> Mono.empty())
                .doFinally(signal -> {
                    flow.dispose();
                    discardInFlight();
                    state = State.STOPPED;
                    PipelineSnapshot last = snapshotNow();
                    log.info("Pipeline stopped: produced {} = acknowledged {} + failed {} + dropped {} + in flight {}"
                            + " (deferred {})", last.produced(), last.acknowledged(), last.failed(), last.dropped(),
                            last.inFlight(), last.deferred());
                    stopped.tryEmitEmpty();
                    done.run();
                })
                .subscribe();
        });
    }

    /**
     * After a stop whose wait timed out, what the disposed flow still held is gone: counted so that the account
     * balances with nothing in flight and a restarted pipeline does not hold back for a buffer no longer there.
     */
    private void discardInFlight() {
        PipelineAccount.Counts left = account.discardInFlight();
        if (left.inFlight() > 0) {
            log.warn("Pipeline stopped before {} message(s) settled: {} buffered counted as dropped, {} being consumed "
                    + "as failed", left.inFlight(), left.buffered(), left.consuming());
        }
    }

    /** Same as {@link #stop(Runnable)}, without waiting for it. */
    @Override
    public void stop() {
        stop(() -> {
        });
    }

    @Override
    public boolean isRunning() {
        return state == State.RUNNING || state == State.PAUSED || state == State.STOPPING;
    }

    long produced() {
        return account.produced();
    }

    long acknowledged() {
        return account.acknowledged();
    }

    long buffered() {
        return account.buffered();
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

    private Mono<Outcome> consume(Message message) {
        account.onStarted();
        if (consumer.answersAtOnce()) {
            // Nothing to wait for: settle every attempt here and hand flatMap a ready value, which it takes
            // without subscribing to an inner chain. This is the unthrottled pipeline's hot path.
            return Mono.just(consumeAtOnce(message));
        }
        AtomicInteger attempts = new AtomicInteger();
        return Mono.defer(() -> consumer.consume(message, attempts.incrementAndGet()))
            .retry(settings.retries())
            .map(reply -> new Outcome(message, reply, null, attempts.get()))
            .onErrorResume(error -> Mono.just(new Outcome(message, null, error, attempts.get())));
    }

    /**
     * The attempts of {@link #consume} with no work to wait for: the same retries, made in a loop, and, as there,
     * any error of an attempt counts as a failed attempt.
     */
    private Outcome consumeAtOnce(Message message) {
        for (int attempt = 1;; attempt++) {
            try {
                return new Outcome(message, consumer.consumeNow(message, attempt), null, attempt);
            }
            catch (RuntimeException failure) {
                if (attempt > settings.retries()) {
                    return new Outcome(message, null, failure, attempt);
                }
            }
        }
    }

    private void settle(Outcome outcome) {
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
        if (state == State.STOPPING && account.inFlight() == 0) {
            drained.tryEmitEmpty();
        }
    }

    /** Sets the producer's clock: ticking at the current interval, or paused. */
    private void tick(boolean paused) {
        // Start-up runs on Spring's thread, controls on the pipeline's: retry the rare overlap, never fail it.
        ticking.emitNext(new Ticking(interval, paused), Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
    }

    private BufferOverflowStrategy overflowStrategy() {
        // In backpressure mode the producer never overfills the buffer; should it, the newest message is
        // dropped and counted rather than failing the pipeline.
        return (settings.overflow() == Overflow.DROP_OLDEST) ? BufferOverflowStrategy.DROP_OLDEST
                : BufferOverflowStrategy.DROP_LATEST;
    }

    private Mono<PipelineSnapshot> control(Runnable change) {
        return onPipelineThread(() -> {
            change.run();
            return snapshotNow();
        });
    }

    private <T> Mono<T> onPipelineThread(Supplier<T> work) {
        return Mono.fromSupplier(() -> {
            thread = Thread.currentThread().getName();
            return work.get();
        })
            .subscribeOn(scheduler)
            // After shutdown the pipeline's thread is gone; what it left is final and safe to read.
            .onErrorResume(RejectedExecutionException.class, gone -> Mono.fromSupplier(work));
    }

    private void schedule(Runnable work) {
        scheduler.schedule(() -> {
            thread = Thread.currentThread().getName();
            work.run();
        });
    }

    private PipelineSnapshot snapshotNow() {
        PipelineAccount.Counts now = account.now();
        return new PipelineSnapshot(state.name(), thread, now.produced(), now.acknowledged(), now.failed(),
                now.dropped(), now.deferred(), now.inFlight(), now.buffered(), now.consuming(),
                new PipelineSnapshot.Settings(interval.toMillis(), settings.batch(), settings.work().toMillis(),
                        settings.concurrency(), settings.bufferSize(), settings.overflow().settingName(),
                        settings.retries(), settings.failureRate()));
    }

    private record Ticking(Duration interval, boolean paused) {
    }

    private record Outcome(Message message, String reply, Throwable failure, int attempts) {
    }
}
