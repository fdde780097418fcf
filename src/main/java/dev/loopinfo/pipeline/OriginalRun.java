package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The original lesson as a one-shot run: a fresh producer hands messages 1 to
 * {@code count} to a fresh consumer in lockstep and hears "200 OK" for each. It shares
 * nothing with the continuous pipeline.
 */
public final class OriginalRun {

    private OriginalRun() {
    }

    /**
     * A line of the transcript and who printed it.
     *
     * @param speaker {@code producer} or {@code consumer}
     * @param text the line, e.g. {@code [PRODUCER] Producing 1...}
     */
    public record Line(String speaker, String text) {
    }

    /** The transcript of a lockstep run of {@code count} messages, in order. */
    public static Mono<List<Line>> of(int count) {
        List<Line> transcript = new ArrayList<>();
        Producer producer = new Producer(line -> transcript.add(new Line("producer", line.text())), System::nanoTime);
        Consumer consumer = new Consumer(Duration.ZERO, 0, Consumer.Failures.NONE,
                line -> transcript.add(new Line("consumer", line.text())), Schedulers.immediate());
        return Flux.range(0, count)
            .concatMap(i -> consumer.consume(producer.produce(), 1))
            .doOnNext(producer::received)
            .then(Mono.fromSupplier(() -> List.copyOf(transcript)));
    }

}
