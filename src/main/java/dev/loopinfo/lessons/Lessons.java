package dev.loopinfo.lessons;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.internal.ThreadExecutorMap;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ResponseStatus;

import dev.loopinfo.pipeline.OriginalRun;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the original's lessons on the event loop that serves the request: their sleeps are
 * timers on that same loop, as {@code asyncio.sleep} is a timer on asyncio's loop, so
 * every line names one thread. The blocking lesson's blocking half alone runs on threads
 * of its own.
 */
@Component
class Lessons implements DisposableBean {

    private final LessonsProperties settings;

    /**
     * The blocking lesson's own threads, where a blocking sleep is allowed (BlockHound
     * watches only event loops and Reactor's non-blocking threads): one per run, at most
     * {@code blocking-runs}.
     */
    private final Scheduler blockingThreads;

    private final AtomicInteger blockingRuns = new AtomicInteger();

    Lessons(LessonsProperties settings) {
        this.settings = settings;
        this.blockingThreads = Schedulers.newBoundedElastic(settings.blockingRuns(), settings.blockingRuns(),
                "lesson-blocking");
    }

    @Override
    public void destroy() {
        blockingThreads.dispose();
    }

    /** The lesson's lines, each as it is printed. */
    Flux<LessonLine> run(Lesson lesson) {
        return Flux.defer(() -> {
            long started = System.nanoTime();
            return switch (lesson) {
                case INTERLEAVE -> Flux.merge(hello(started, "hello 1"), hello(started, "hello 2"));
                // The blocking pair first: refused when at its limit before the timer
                // pair has printed anything.
                case BLOCKING ->
                    Flux.merge(blockingPair(started), hello(started, "timer 1"), hello(started, "timer 2"));
                case HELLO_WORLD -> Flux.concat(print("main", "hello", started),
                        sleep(settings.sleep()).then(print("main", "world", started)));
                case PRODUCER_CONSUMER -> OriginalRun.of(5)
                    .flatMapMany(Flux::fromIterable)
                    .index()
                    .concatMap(line -> (line.getT1() == 0 ? Mono.<Void>empty() : sleep(settings.linePause()))
                        .then(print(line.getT2().speaker(), line.getT2().text(), started)));
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

    /**
     * The original's {@code hello()} as {@code task}: print, {@code wait} (a timer or a
     * blocking sleep), print.
     */
    private static Flux<LessonLine> hello(long started, String task, Mono<Void> wait) {
        return Flux.concat(print(task, "Hello World!", started), wait.then(print(task, "Hello Again!", started)));
    }

    /**
     * {@code hello()} as the original writes it: its sleep a timer on the loop that runs
     * it.
     */
    private Flux<LessonLine> hello(long started, String task) {
        return hello(started, task, sleep(settings.sleep()));
    }

    /**
     * The two {@code hello()}s with a blocking sleep, as {@code time.sleep}, on one
     * thread of the lesson's own: the second cannot start until the first has slept.
     * Refused with 503 when {@code blocking-runs} are running.
     */
    private Flux<LessonLine> blockingPair(long started) {
        Mono<Void> blockingSleep = Mono.fromRunnable(this::blockingSleep);
        Flux<LessonLine> pair = Flux
            .concat(hello(started, "blocking 1", blockingSleep), hello(started, "blocking 2", blockingSleep))
            .subscribeOn(blockingThreads);
        // Eager: the run is handed back before its end reaches the caller, who may start
        // the next one at once.
        return Flux.using(this::takeBlockingRun, taken -> pair, taken -> blockingRuns.decrementAndGet(), true);
    }

    private boolean takeBlockingRun() {
        if (blockingRuns.incrementAndGet() > settings.blockingRuns()) {
            blockingRuns.decrementAndGet();
            throw new Busy("The blocking lesson is already running " + settings.blockingRuns()
                    + " times (loopinfo.lessons.blocking-runs): try again in a few seconds.");
        }
        return true;
    }

    /**
     * {@code time.sleep}: holds the thread. Allowed here only, on the lesson's own
     * threads.
     */
    private void blockingSleep() {
        try {
            Thread.sleep(settings.sleep().toMillis());
        }
        catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static Mono<LessonLine> print(String task, String text, long started) {
        return Mono.fromSupplier(() -> new LessonLine(task, text, Thread.currentThread().getName(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }

    /**
     * Sleeps without blocking, resuming on the event loop that is running now (like
     * {@code asyncio.sleep}); off an event loop, on Reactor's timer.
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

    /**
     * Every run the blocking lesson allows is taken: answered 503, to be tried again in a
     * moment.
     */
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    static final class Busy extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }

    }

}
