package dev.loopinfo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import dev.loopinfo.pipeline.Transcript.Line;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

class TranscriptRingTest {

    @Test
    void keepsTheLastLinesOldestFirstAsTheOriginalPrintsThem() {
        TranscriptRing ring = new TranscriptRing(3);
        assertThat(ring.lines()).isEmpty();

        ring.add(Line.producing(1));
        ring.add(Line.consuming(1));
        ring.add(Line.attemptFailed(1, 1));
        ring.add(Line.received("200 OK"));
        ring.add(Line.gaveUp(2, 3, "injected failure"));

        assertThat(ring.lines()).containsExactly("[CONSUMER] Failed 1 on attempt 1",
                "[PRODUCER] Consumer return: 200 OK",
                "[PRODUCER] Consumer failed 2 after 3 attempts: injected failure");
        ring.add(Line.dropped(3));
        assertThat(ring.lines()).hasSize(3).last().isEqualTo("[PRODUCER] Dropped 3: buffer full");
    }

    @Test
    void liveListenersHearEachNewLineAsText() {
        TranscriptRing ring = new TranscriptRing(2);
        ring.add(Line.producing(1));

        StepVerifier.create(ring.live().map(TranscriptRing.NumberedLine::text).take(2))
            .then(() -> List.of(Line.consuming(1), Line.received("200 OK")).forEach(ring::add))
            .expectNext("[CONSUMER] Consuming 1...", "[PRODUCER] Consumer return: 200 OK")
            .verifyComplete();
    }

    @Test
    void aListenerThatNeverReadsMissesLinesAndHoldsUpNoOther() {
        TranscriptRing ring = new TranscriptRing(10);
        List<String> stalled = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Disposable neverReads = ring.live()
            .map(TranscriptRing.NumberedLine::text)
            .subscribe(stalled::add, failed::set, () -> failed.set(new AssertionError("completed")),
                    subscription -> subscription.request(1));
        AtomicInteger heard = new AtomicInteger();
        Disposable reads = ring.live()
            .map(TranscriptRing.NumberedLine::text)
            .subscribe(line -> heard.incrementAndGet(), failed::set);

        // Lines faster than the 100 a tenth that reach listeners, until the reader has
        // heard 1,000: a second at least, ten tenths and more, each one full.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int n = 1; heard.get() <= 1_000 && failed.get() == null && System.nanoTime() < deadline; n++) {
            ring.add(Line.producing(n));
            LockSupport.parkNanos(200_000);
        }

        assertThat(failed).hasNullValue();
        assertThat(heard).hasValueGreaterThan(1_000);
        assertThat(stalled).containsExactly("[PRODUCER] Producing 1...");
        neverReads.dispose();
        reads.dispose();
        // Both gone, the fan-out stops; the next listener starts it again and hears the
        // next line.
        StepVerifier.create(ring.live().map(TranscriptRing.NumberedLine::text).take(1))
            .then(() -> ring.add(Line.consuming(1)))
            .expectNext("[CONSUMER] Consuming 1...")
            .verifyComplete();
    }

    @Test
    void aListenerBackAfterAGapGetsTheLinesKeptAfterItsLastAndHowManyItMissed() {
        TranscriptRing ring = new TranscriptRing(3);
        for (int n = 1; n <= 5; n++) {
            ring.add(Line.producing(n));
        }

        assertThat(ring.since(1).lines()).extracting(TranscriptRing.NumberedLine::number).containsExactly(3L, 4L, 5L);
        assertThat(ring.since(1).missed()).as("line 2 is no longer kept").isEqualTo(1);
        assertThat(ring.since(0).missed()).isEqualTo(2);
        assertThat(ring.since(4).lines())
            .containsExactly(new TranscriptRing.NumberedLine(5, "[PRODUCER] Producing 5..."));
        assertThat(ring.since(4).missed()).isZero();
        assertThat(ring.since(5).lines()).isEmpty();
        assertThat(ring.since(5).missed()).isZero();
        assertThat(ring.since(99).lines()).isEmpty();
        assertThat(ring.since(99).missed()).isZero();
    }

    @Test
    void listenersLeavingAsOthersJoinNeverFailOne() throws Exception {
        TranscriptRing ring = new TranscriptRing(10);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        ExecutorService churn = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> churning = new ArrayList<>();
            for (int thread = 0; thread < 3; thread++) {
                churning.add(churn.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        ring.live().map(TranscriptRing.NumberedLine::text).subscribe(line -> {
                        }, failed::set).dispose();
                    }
                }));
            }
            for (int n = 1; churning.stream().anyMatch(joining -> !joining.isDone()); n++) {
                ring.add(Line.producing(n));
            }
            for (Future<?> joining : churning) {
                joining.get();
            }
        }
        finally {
            churn.shutdownNow();
        }
        assertThat(failed).hasNullValue();
        StepVerifier.create(ring.live().map(TranscriptRing.NumberedLine::text).take(1))
            .then(() -> ring.add(Line.consuming(1)))
            .expectNext("[CONSUMER] Consuming 1...")
            .verifyComplete();
    }

}
