package dev.loopinfo.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The lessons' timing, in virtual time (the blocking lesson's sleep is real): what prints
 * when.
 */
class LessonsTest {

    private final Lessons lessons = new Lessons(
            new LessonsProperties(Duration.ofSeconds(1), Duration.ofMillis(200), 4));

    @AfterEach
    void stopThreads() {
        lessons.destroy();
    }

    @Test
    void twoCoroutinesSleepTogether() {
        StepVerifier.withVirtualTime(() -> lessons.run(Lesson.INTERLEAVE))
            .assertNext(line -> assertThat(line).extracting(LessonLine::task, LessonLine::text)
                .containsExactly("hello 1", "Hello World!"))
            .assertNext(line -> assertThat(line).extracting(LessonLine::task, LessonLine::text)
                .containsExactly("hello 2", "Hello World!"))
            .expectNoEvent(Duration.ofMillis(999))
            .thenAwait(Duration.ofMillis(1))
            .assertNext(line -> assertThat(line).extracting(LessonLine::task, LessonLine::text)
                .containsExactly("hello 1", "Hello Again!"))
            .assertNext(line -> assertThat(line).extracting(LessonLine::task, LessonLine::text)
                .containsExactly("hello 2", "Hello Again!"))
            .verifyComplete();
    }

    @Test
    void helloAwaitsThenWorld() {
        StepVerifier.withVirtualTime(() -> lessons.run(Lesson.HELLO_WORLD))
            .assertNext(line -> assertThat(line).extracting(LessonLine::task, LessonLine::text)
                .containsExactly("main", "hello"))
            .expectNoEvent(Duration.ofMillis(999))
            .thenAwait(Duration.ofMillis(1))
            .assertNext(line -> assertThat(line).extracting(LessonLine::task, LessonLine::text)
                .containsExactly("main", "world"))
            .verifyComplete();
    }

    @Test
    void theProducerConsumerTranscriptIsTheOriginalPacedLineByLine() {
        StepVerifier
            .withVirtualTime(() -> lessons.run(Lesson.PRODUCER_CONSUMER).map(line -> line.task() + ": " + line.text()))
            .expectNext("producer: [PRODUCER] Producing 1...")
            .expectNoEvent(Duration.ofMillis(199))
            .thenAwait(Duration.ofMillis(1))
            .expectNext("consumer: [CONSUMER] Consuming 1...")
            .thenAwait(Duration.ofMillis(200))
            .expectNext("producer: [PRODUCER] Consumer return: 200 OK")
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

    @Test
    void aBlockingSleepMakesTheSecondCoroutineWaitForTheFirstOnItsThread() {
        Lessons quick = new Lessons(new LessonsProperties(Duration.ofMillis(300), Duration.ZERO, 1));
        try {
            List<LessonLine> lines = quick.run(Lesson.BLOCKING).collectList().block(Duration.ofSeconds(10));

            List<LessonLine> timer = lines.stream().filter(line -> line.task().startsWith("timer ")).toList();
            List<LessonLine> blocking = lines.stream().filter(line -> line.task().startsWith("blocking ")).toList();
            // Both timers greet before either sleeps out (off an event loop, their two
            // timers may end in any order).
            assertThat(timer.subList(0, 2)).extracting(LessonLine::text).containsOnly("Hello World!");
            assertThat(timer).extracting(line -> line.task() + ": " + line.text())
                .containsExactlyInAnyOrder("timer 1: Hello World!", "timer 2: Hello World!", "timer 1: Hello Again!",
                        "timer 2: Hello Again!");
            assertThat(blocking).extracting(line -> line.task() + ": " + line.text())
                .containsExactly("blocking 1: Hello World!", "blocking 1: Hello Again!", "blocking 2: Hello World!",
                        "blocking 2: Hello Again!");
            // The timers overlap; the blocking pair takes two whole sleeps.
            assertThat(timer.get(3).elapsedMillis()).isGreaterThanOrEqualTo(300L);
            assertThat(blocking.get(3).elapsedMillis()).isGreaterThanOrEqualTo(600L);
            assertThat(blocking).extracting(LessonLine::thread).containsOnly(blocking.get(0).thread());
            assertThat(blocking.get(0).thread()).startsWith("lesson-blocking-");
        }
        finally {
            quick.destroy();
        }
    }

    @Test
    void aBlockingRunOverTheLimitIsRefusedAndTheLimitFreesAgain() {
        Lessons one = new Lessons(new LessonsProperties(Duration.ofMillis(300), Duration.ZERO, 1));
        try {
            Mono<List<LessonLine>> first = one.run(Lesson.BLOCKING).collectList().cache();
            first.subscribe();

            StepVerifier.create(one.run(Lesson.BLOCKING))
                .expectErrorSatisfies(refused -> assertThat(refused).isInstanceOf(Lessons.Busy.class)
                    .hasMessageContaining("loopinfo.lessons.blocking-runs"))
                .verify(Duration.ofSeconds(5));
            assertThat(first.block(Duration.ofSeconds(10))).hasSize(8);
            // Started the moment the last one's completion arrives: its permit must
            // already be free by then.
            StepVerifier.create(one.run(Lesson.BLOCKING).then(Mono.defer(() -> one.run(Lesson.BLOCKING).count())))
                .expectNext(8L)
                .verifyComplete();
        }
        finally {
            one.destroy();
        }
    }

}
