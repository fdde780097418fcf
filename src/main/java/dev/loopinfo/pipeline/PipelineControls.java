package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the pages and the Actuator endpoint ask of the {@link Pipeline}: each control and
 * snapshot taken on the pipeline's one thread, so that it needs no lock and every
 * snapshot's counts agree.
 */
class PipelineControls {

    private final Pipeline pipeline;

    /**
     * The pipeline's thread, named by the work that last hopped there (after shutdown,
     * the last it had).
     */
    private volatile String thread = "";

    PipelineControls(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Stops producing; messages already produced go on to the consumer. */
    Mono<PipelineSnapshot> pause() {
        return control(pipeline::pause);
    }

    Mono<PipelineSnapshot> resume() {
        return control(pipeline::resume);
    }

    /**
     * Changes the producer's tick interval; the next tick comes one new interval from
     * now.
     */
    Mono<PipelineSnapshot> interval(Duration interval) {
        return control(() -> pipeline.retime(interval));
    }

    Mono<PipelineSnapshot> snapshot() {
        return control(() -> {
        });
    }

    /** The last transcript lines, oldest first. */
    Mono<List<String>> transcript() {
        return onPipelineThread(pipeline.transcript()::lines);
    }

    /**
     * Each new transcript line with its number; a listener that is not ready for a line
     * misses it.
     */
    Flux<TranscriptRing.NumberedLine> transcriptLines() {
        return pipeline.transcript().live();
    }

    /** The newest transcript line's number. */
    Mono<Long> transcriptPosition() {
        return onPipelineThread(() -> pipeline.transcript().count());
    }

    /**
     * The transcript lines kept after line {@code number}, and how many after it are no
     * longer kept.
     */
    Mono<TranscriptRing.Since> transcriptSince(long number) {
        return onPipelineThread(() -> pipeline.transcript().since(number));
    }

    /**
     * Completes when the pipeline, as running now, stops, or when the application closes
     * with it not running.
     */
    Mono<Void> stopped() {
        return pipeline.stopped();
    }

    private Mono<PipelineSnapshot> control(Runnable change) {
        return onPipelineThread(() -> {
            change.run();
            return pipeline.snapshot(thread);
        });
    }

    private <T> Mono<T> onPipelineThread(Supplier<T> work) {
        return Mono.fromSupplier(() -> {
            thread = Thread.currentThread().getName();
            return work.get();
        })
            .subscribeOn(pipeline.scheduler())
            // After shutdown the pipeline's thread is gone; what it left is final and
            // safe to read.
            .onErrorResume(RejectedExecutionException.class, gone -> Mono.fromSupplier(work));
    }

}
