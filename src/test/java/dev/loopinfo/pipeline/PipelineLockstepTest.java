package dev.loopinfo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * With concurrency 1 the continuous pipeline replays the original's lockstep, on the
 * original's schedule.
 */
class PipelineLockstepTest {

    @Test
    void theFirstFiveTicksAreTheOriginalTranscript() {
        StepVerifier.withVirtualTime(() -> linesOf(PipelineSettings.with(), 15))
            .expectSubscription()
            .expectNoEvent(Duration.ofSeconds(1))
            .expectNext("[PRODUCER] Producing 1...", "[CONSUMER] Consuming 1...", "[PRODUCER] Consumer return: 200 OK")
            .expectNoEvent(Duration.ofSeconds(1))
            .expectNext("[PRODUCER] Producing 2...", "[CONSUMER] Consuming 2...", "[PRODUCER] Consumer return: 200 OK")
            .expectNoEvent(Duration.ofSeconds(1))
            .expectNext("[PRODUCER] Producing 3...", "[CONSUMER] Consuming 3...", "[PRODUCER] Consumer return: 200 OK")
            .expectNoEvent(Duration.ofSeconds(1))
            .expectNext("[PRODUCER] Producing 4...", "[CONSUMER] Consuming 4...", "[PRODUCER] Consumer return: 200 OK")
            .expectNoEvent(Duration.ofSeconds(1))
            .expectNext("[PRODUCER] Producing 5...", "[CONSUMER] Consuming 5...", "[PRODUCER] Consumer return: 200 OK")
            .verifyComplete();
    }

    @Test
    void consumerWorkDelaysTheReplyNotTheOrder() {
        StepVerifier.withVirtualTime(() -> linesOf(PipelineSettings.with("work", "300ms"), 6))
            .expectSubscription()
            .expectNoEvent(Duration.ofSeconds(1))
            .expectNext("[PRODUCER] Producing 1...", "[CONSUMER] Consuming 1...")
            .expectNoEvent(Duration.ofMillis(300))
            .expectNext("[PRODUCER] Consumer return: 200 OK")
            .expectNoEvent(Duration.ofMillis(700))
            .expectNext("[PRODUCER] Producing 2...", "[CONSUMER] Consuming 2...")
            .expectNoEvent(Duration.ofMillis(300))
            .expectNext("[PRODUCER] Consumer return: 200 OK")
            .verifyComplete();
    }

    @Test
    void aBatchIsStillHandedOverOneMessageAtATime() {
        StepVerifier.withVirtualTime(() -> linesOf(PipelineSettings.with("batch", "3"), 9))
            .expectSubscription()
            .expectNoEvent(Duration.ofSeconds(1))
            .expectNext("[PRODUCER] Producing 1...", "[CONSUMER] Consuming 1...", "[PRODUCER] Consumer return: 200 OK",
                    "[PRODUCER] Producing 2...", "[CONSUMER] Consuming 2...", "[PRODUCER] Consumer return: 200 OK",
                    "[PRODUCER] Producing 3...", "[CONSUMER] Consuming 3...", "[PRODUCER] Consumer return: 200 OK")
            .verifyComplete();
    }

    @Test
    void theWholeFlowRunsOnThePipelineThread() {
        // Outside virtual time: the real single-thread scheduler, named as in production.
        // Each consumer attempt notes its thread; listeners get their lines on another
        // thread, so they cannot tell.
        var scheduler = Schedulers.newSingle("pipeline");
        Set<String> consumedOn = ConcurrentHashMap.newKeySet();
        try {
            Pipeline pipeline = new Pipeline(PipelineSettings.with("interval", "10ms", "work", "5ms"), scheduler,
                    (message, attempt) -> {
                        consumedOn.add(Thread.currentThread().getName());
                        return false;
                    }, new SimpleMeterRegistry(), System::nanoTime);
            PipelineControls controls = new PipelineControls(pipeline);
            StepVerifier
                .create(controls.transcriptLines()
                    .map(TranscriptRing.NumberedLine::text)
                    .take(9)
                    .doOnSubscribe(subscription -> pipeline.start()))
                .expectNextCount(9)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
            assertThat(consumedOn).singleElement().asString().matches("pipeline-\\d+");
            assertThat(controls.snapshot().map(snapshot -> Thread.currentThread().getName()).block())
                .matches("pipeline-\\d+");
        }
        finally {
            scheduler.dispose();
        }
    }

    private static Flux<String> linesOf(PipelineProperties settings, int lines) {
        Pipeline pipeline = new Pipeline(settings, Schedulers.newSingle("pipeline"), Consumer.Failures.NONE,
                new SimpleMeterRegistry(), System::nanoTime);
        return new PipelineControls(pipeline).transcriptLines()
            .map(TranscriptRing.NumberedLine::text)
            .take(lines)
            .doOnSubscribe(subscription -> pipeline.start());
    }

}
