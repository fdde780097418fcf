package dev.loopinfo.lessons;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.internal.ThreadExecutorMap;

import org.springframework.stereotype.Component;

import dev.loopinfo.pipeline.OriginalRun;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs the original's lessons on the event loop that serves the request: their sleeps are timers on that same
 * loop, as {@code asyncio.sleep} is a timer on asyncio's loop, so every line names one thread.
 */
@Component
class Lessons {

    private final LessonsProperties settings;

    Lessons(LessonsProperties settings) {
        this.settings = settings;
    }

    /** The lesson's lines, each as it is printed. */
    Flux<LessonLine> run(Lesson lesson) {
        return Flux.defer(() -> {
            long started = System.nanoTime();
            return switch (lesson) {
                case INTERLEAVE -> Flux.merge(hello(started), hello(started));
                case HELLO_WORLD -> Flux.concat(print("hello", started),
                        sleep(settings.sleep()).then(print("world", started)));
                case PRODUCER_CONSUMER -> OriginalRun.of(5)
                    .flatMapMany(Flux::fromIterable)
                    .index()
                    .concatMap(line -> (line.getT1() == 0 ? Mono.<Void>empty() : sleep(settings.linePause()))
                        .then(print(line.getT2(), started)));
            };
        });
    }

    /** The whole lesson, once it has finished. */
    Mono<LessonRun> runToEnd(Lesson lesson) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return run(lesson).collectList().map(lines -> summary(lesson, lines, started));
        });
    }

    static LessonRun summary(Lesson lesson, List<LessonLine> lines, long startedNanos) {
        Set<String> threads = new LinkedHashSet<>();
        lines.forEach(line -> threads.add(line.thread()));
        return new LessonRun(lesson.path(), lines, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos),
                new ArrayList<>(threads));
    }

    /** The original's {@code hello()}: print, sleep a second without blocking, print again. */
    private Flux<LessonLine> hello(long started) {
        return Flux.concat(Mono.defer(() -> print("Hello World! (" + Thread.currentThread().getName() + ")", started)),
                sleep(settings.sleep())
                    .then(Mono.defer(() -> print("Hello Again! (" + Thread.currentThread().getName() + ")", started))));
    }

    private static Mono<LessonLine> print(String text, long started) {
        return Mono.fromSupplier(() -> new LessonLine(text, Thread.currentThread().getName(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }

    /**
     * Sleeps without blocking, resuming on the event loop that is running now (like {@code asyncio.sleep}); off an
     * event loop, on Reactor's timer.
     */
    static Mono<Void> sleep(Duration duration) {
        return Mono.defer(() -> {
            EventExecutor loop = ThreadExecutorMap.currentExecutor();
            if (loop == null) {
                return Mono.delay(duration).then();
            }
            return Mono.create(sink -> {
                Future<?> timer = loop.schedule(() -> sink.success(), duration.toNanos(), TimeUnit.NANOSECONDS);
                sink.onCancel(() -> timer.cancel(false));
            });
        });
    }
}
