package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The original lesson as a one-shot run: a fresh producer hands messages 1 to {@code count} to a fresh
 * consumer in lockstep and hears "200 OK" for each. It shares nothing with the continuous pipeline.
 */
public final class OriginalRun {

    private OriginalRun() {
    }

    /** The transcript of a lockstep run of {@code count} messages, in order. */
    public static Mono<List<String>> of(int count) {
        List<String> transcript = new ArrayList<>();
        Producer producer = new Producer(line -> transcript.add(line.text()), System::nanoTime);
        Consumer consumer = new Consumer(Duration.ZERO, Consumer.Failures.NONE, line -> transcript.add(line.text()),
                Schedulers.immediate());
        return Flux.range(0, count)
            .concatMap(i -> consumer.consume(producer.produce(), 1))
            .doOnNext(producer::received)
            .then(Mono.fromSupplier(() -> List.copyOf(transcript)));
    }
}
