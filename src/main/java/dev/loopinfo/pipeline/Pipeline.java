package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The continuous pipeline's life: started once the web server is up, paused, resumed and
 * re-timed, drained at stop and started again after one. Its state changes on the
 * pipeline's one thread, as everything in the {@link PipelineFlow} does;
 * {@link PipelineControls} takes callers there.
 */
class Pipeline implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /** Where the pipeline is in its life. */
    enum State {

        NOT_STARTED, RUNNING, PAUSED, STOPPING, STOPPED

    }

    private final PipelineProperties settings;

    private final Scheduler scheduler;

    private final PipelineFlow flow;

    private volatile Sinks.Empty<Void> stopped = Sinks.empty();

    private volatile State state = State.NOT_STARTED;

    private volatile Duration interval;

    /**
     * A pipeline on the given scheduler; {@code nanoClock} times messages from produce to
     * acknowledge ({@code System::nanoTime}, or the virtual clock in tests).
     */
    Pipeline(PipelineProperties settings, Scheduler scheduler, Consumer.Failures failures, MeterRegistry registry,
            LongSupplier nanoClock) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.interval = settings.interval();
        this.flow = new PipelineFlow(settings, scheduler, failures, registry, nanoClock, () -> state == State.RUNNING);
    }

    /**
     * Starts producing; Spring starts the pipeline last, once the web server is up
     * (unless it is disabled), and may start it again after a stop.
     */
    @Override
    public void start() {
        // Spring's test contexts, and a context started again after a stop, call start()
        // whatever isAutoStartup() says: a disabled pipeline stays off.
        if (isRunning() || !settings.enabled()) {
            return;
        }
        stopped = Sinks.empty();
        flow.subscribe();
        state = State.RUNNING;
        flow.clock(interval, false);
        log.info("Pipeline started: {} message(s) every {} ms, concurrency {}, buffer {} ({})", settings.batch(),
                interval.toMillis(), settings.concurrency(), settings.bufferSize(), settings.overflow().settingName());
    }

    /** Runs unless {@code loopinfo.pipeline.enabled} is false. */
    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    @Override
    public boolean isRunning() {
        return state == State.RUNNING || state == State.PAUSED || state == State.STOPPING;
    }

    /**
     * Stops producing, waits up to {@code shutdown-timeout} for in-flight messages to
     * settle, logs the final account, then tells Spring it is done.
     */
    @Override
    public void stop(Runnable done) {
        scheduler.schedule(() -> {
            if (!isRunning()) {
                done.run();
                return;
            }
            state = State.STOPPING;
            flow.clock(interval, true);
            log.info("Pipeline stopping: waiting up to {} ms for {} in-flight message(s)",
                    settings.shutdownTimeout().toMillis(), flow.counts().inFlight());
            flow.drained()
                .timeout(settings.shutdownTimeout(), scheduler)
                .onErrorResume(TimeoutException.class, late -> Mono.empty())
                .doFinally(signal -> {
                    flow.dispose();
                    state = State.STOPPED;
                    PipelineAccount.Counts last = flow.counts();
                    log.info(
                            "Pipeline stopped: produced {} = acknowledged {} + failed {} + dropped {} + in flight {}"
                                    + " (deferred {})",
                            last.produced(), last.acknowledged(), last.failed(), last.dropped(), last.inFlight(),
                            last.deferred());
                    stopped.tryEmitEmpty();
                    done.run();
                })
                .subscribe();
        });
    }

    /** Same as {@link #stop(Runnable)}, without waiting for it. */
    @Override
    public void stop() {
        stop(() -> {
        });
    }

    /**
     * Completes when the pipeline, as running now, stops, or when the application closes
     * with it not running.
     */
    Mono<Void> stopped() {
        return Mono.defer(() -> stopped.asMono());
    }

    /**
     * A pipeline that is not running (disabled) is never stopped by Spring; whatever
     * waits on {@link #stopped()}, such as an open event stream, must still end before
     * the web server's graceful shutdown waits for it.
     */
    @EventListener(ContextClosedEvent.class)
    void applicationClosing() {
        if (!isRunning()) {
            stopped.tryEmitEmpty();
        }
    }

    /**
     * Stops producing; messages already produced go on to the consumer. On the pipeline's
     * thread only.
     */
    void pause() {
        if (state == State.RUNNING) {
            state = State.PAUSED;
            flow.clock(interval, true);
        }
    }

    /** On the pipeline's thread only. */
    void resume() {
        if (state == State.PAUSED) {
            state = State.RUNNING;
            flow.clock(interval, false);
        }
    }

    /**
     * Changes the tick interval; the next tick comes one new interval from now. On the
     * pipeline's thread only.
     */
    void retime(Duration newInterval) {
        interval = newInterval;
        if (state == State.RUNNING) {
            flow.clock(interval, false);
        }
    }

    /**
     * The pipeline now, as run by {@code thread}; consistent when taken on the pipeline's
     * thread.
     */
    PipelineSnapshot snapshot(String thread) {
        PipelineAccount.Counts now = flow.counts();
        return new PipelineSnapshot(state.name(), thread, now.produced(), now.acknowledged(), now.failed(),
                now.dropped(), now.deferred(), now.inFlight(), now.buffered(), now.consuming(),
                new PipelineSnapshot.Settings(interval.toMillis(), settings.batch(), settings.work().toMillis(),
                        settings.concurrency(), settings.bufferSize(), settings.overflow().settingName(),
                        settings.retries(), settings.failureRate()));
    }

    TranscriptRing transcript() {
        return flow.transcript();
    }

    Scheduler scheduler() {
        return scheduler;
    }

}
