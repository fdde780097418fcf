package dev.loopinfo.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import reactor.test.StepVerifier;

/** The lessons' timing, in virtual time: what prints when. */
class LessonsTest {

    private final Lessons lessons = new Lessons(new LessonsProperties(Duration.ofSeconds(1), Duration.ofMillis(200)));

    @Test
    void twoCoroutinesSleepTogether() {
        StepVerifier.withVirtualTime(() -> lessons.run(Lesson.INTERLEAVE))
            .assertNext(line -> assertThat(line.text()).startsWith("Hello World! ("))
            .assertNext(line -> assertThat(line.text()).startsWith("Hello World! ("))
            .expectNoEvent(Duration.ofMillis(999))
            .thenAwait(Duration.ofMillis(1))
            .assertNext(line -> assertThat(line.text()).startsWith("Hello Again! ("))
            .assertNext(line -> assertThat(line.text()).startsWith("Hello Again! ("))
            .verifyComplete();
    }

    @Test
    void helloAwaitsThenWorld() {
        StepVerifier.withVirtualTime(() -> lessons.run(Lesson.HELLO_WORLD))
            .assertNext(line -> assertThat(line.text()).isEqualTo("hello"))
            .expectNoEvent(Duration.ofMillis(999))
            .thenAwait(Duration.ofMillis(1))
            .assertNext(line -> assertThat(line.text()).isEqualTo("world"))
            .verifyComplete();
    }

    @Test
    void theProducerConsumerTranscriptIsTheOriginalPacedLineByLine() {
        StepVerifier.withVirtualTime(() -> lessons.run(Lesson.PRODUCER_CONSUMER).map(LessonLine::text))
            .expectNext("[PRODUCER] Producing 1...")
            .expectNoEvent(Duration.ofMillis(199))
            .thenAwait(Duration.ofMillis(1))
            .expectNext("[CONSUMER] Consuming 1...")
            .thenAwait(Duration.ofMillis(200))
            .expectNext("[PRODUCER] Consumer return: 200 OK")
            .thenAwait(Duration.ofSeconds(3))
            .expectNextCount(12)
            .verifyComplete();
    }

    @Test
    void theLastLineOfTheTranscriptIsTheFifthReply() {
        StepVerifier.withVirtualTime(() -> lessons.run(Lesson.PRODUCER_CONSUMER).map(LessonLine::text).last())
            .thenAwait(Duration.ofSeconds(5))
            .expectNext("[PRODUCER] Consumer return: 200 OK")
            .verifyComplete();
    }
}
