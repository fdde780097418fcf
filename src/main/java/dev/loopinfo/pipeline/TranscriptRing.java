package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The continuous pipeline's transcript: each line logged at DEBUG, the last
 * {@code capacity} kept for the live page, and every new line offered to live listeners.
 * Lines are formatted only for a reader, a listener or the log. Written and read on the
 * pipeline's thread only; listened to from any.
 */
class TranscriptRing implements Transcript {

    private static final Logger log = LoggerFactory.getLogger(TranscriptRing.class);

    /**
     * Lines waiting to be fanned out; when the queue is full, new lines skip the
     * listeners, as for a slow one.
     */
    private static final int FAN_OUT_QUEUE = 256;

    /**
     * At most this many lines a tenth of a second reach listeners (1,000 a second): more
     * than anyone reads, and a bound on what an overloaded pipeline costs the event loops
     * that write the streams. Beyond it lines are skipped, as for a slow listener.
     */
    private static final int LINES_PER_TENTH = 100;

    private final int capacity;

    private final ArrayDeque<Line> lines;

    /**
     * Lines from the pipeline's thread, one queue offer each, and none while nobody
     * listens.
     */
    private final Sinks.Many<NumberedLine> written = Sinks.many().multicast().directBestEffort();

    /**
     * Each line to every listener ready for it: one that is not misses it, alone, so no
     * listener makes lines pile up or holds up another. Never completed, so a listener
     * joining at any moment finds it open.
     */
    private final Sinks.Many<NumberedLine> toListeners = Sinks.many().multicast().directBestEffort();

    /**
     * The lines handed to listeners on another thread, at most {@link #LINES_PER_TENTH} a
     * tenth of a second: taken at whatever pace they come, as nothing downstream of it
     * applies backpressure.
     */
    private final Flux<NumberedLine> fanOut = written.asFlux()
        .publishOn(Schedulers.parallel(), FAN_OUT_QUEUE)
        .window(Duration.ofMillis(100))
        .concatMap(tenth -> tenth.take(LINES_PER_TENTH), 1);

    /**
     * Guards the listeners' count and the fan-out's start and stop, so that a listener
     * never joins a stopping one.
     */
    private final Object joining = new Object();

    private final AtomicInteger listeners = new AtomicInteger();

    private Disposable fanningOut = Disposables.disposed();

    /** Lines written so far: the newest line's number, the first being 1. */
    private long count;

    TranscriptRing(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    @Override
    public void add(Line line) {
        log.debug("{}", line);
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
        count++;
        if (written.currentSubscriberCount() > 0) {
            written.tryEmitNext(new NumberedLine(count, line.text()));
        }
    }

    List<String> lines() {
        return lines.stream().map(Line::text).toList();
    }

    /**
     * The lines kept that came after line {@code number}, and how many after it are no
     * longer kept: what a listener that heard up to that line missed.
     */
    Since since(long number) {
        long oldest = count - lines.size() + 1;
        long first = Math.max(number + 1, oldest);
        List<NumberedLine> kept = new ArrayList<>();
        long at = oldest;
        for (Line line : lines) {
            if (at >= first) {
                kept.add(new NumberedLine(at, line.text()));
            }
            at++;
        }
        return new Since(kept, Math.max(0, Math.min(oldest, count + 1) - (number + 1)));
    }

    /** The newest line's number: how many lines have been written. */
    long count() {
        return count;
    }

    /**
     * Each new line with its number; a listener that is not ready for a line misses it.
     */
    Flux<NumberedLine> live() {
        return toListeners.asFlux().doOnSubscribe(subscription -> joined()).doFinally(signal -> left());
    }

    private void joined() {
        synchronized (joining) {
            if (listeners.getAndIncrement() == 0) {
                fanningOut = fanOut.subscribe(toListeners::tryEmitNext);
            }
        }
    }

    private void left() {
        synchronized (joining) {
            if (listeners.decrementAndGet() == 0) {
                fanningOut.dispose();
            }
        }
    }

    /** A transcript line and its number, counted from the first line written. */
    record NumberedLine(long number, String text) {
    }

    /** Lines kept after a given one, and how many after it were not kept. */
    record Since(List<NumberedLine> lines, long missed) {
    }

}
