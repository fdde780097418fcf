package dev.loopinfo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.loopinfo.pipeline.Transcript.Line;
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

        StepVerifier.create(ring.live().take(2))
            .then(() -> List.of(Line.consuming(1), Line.received("200 OK")).forEach(ring::add))
            .expectNext("[CONSUMER] Consuming 1...", "[PRODUCER] Consumer return: 200 OK")
            .verifyComplete();
    }
}
