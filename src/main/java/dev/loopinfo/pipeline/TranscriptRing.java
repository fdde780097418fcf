package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The continuous pipeline's transcript: each line logged at DEBUG, the last {@code capacity} kept for the live
 * page, and every new line offered to live listeners. Lines are formatted only for a reader, a listener or the
 * log. Written and read on the pipeline's thread only.
 */
class TranscriptRing implements Transcript {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /** Lines waiting to be fanned out; when the queue is full, new lines skip the listeners, as for a slow one. */
    private static final int FAN_OUT_QUEUE = 256;

    /**
     * At most this many lines a tenth of a second reach listeners (1,000 a second): more than anyone reads, and a
     * bound on what an overloaded pipeline costs the event loops that write the streams. Beyond it lines are
     * skipped, as for a slow listener.
     */
    private static final int LINES_PER_TENTH = 100;

    private final int capacity;

    private final ArrayDeque<Line> lines;

    // Best effort: a listener that is not ready for a line misses it, so no listener makes lines pile up.
    private final Sinks.Many<String> live = Sinks.many().multicast().directBestEffort();

    /**
     * The lines handed to listeners on another thread, all listeners together: the pipeline's thread pays one
     * queue offer per line, however many listeners there are (and nothing at all while there are none).
     */
    private final Flux<String> fanOut = live.asFlux()
        .publishOn(Schedulers.parallel(), FAN_OUT_QUEUE)
        .window(Duration.ofMillis(100))
        .concatMap(tenth -> tenth.take(LINES_PER_TENTH), 1)
        .share();

    private final AtomicInteger listeners = new AtomicInteger();

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
        if (live.currentSubscriberCount() > 0) {
            live.tryEmitNext(line.text());
        }
    }

    List<String> lines() {
        return lines.stream().map(Line::text).toList();
    }

    Flux<String> live() {
        return fanOut.doOnSubscribe(subscription -> listeners.incrementAndGet())
            .doFinally(signal -> listeners.decrementAndGet());
    }

    /** How many listeners follow the lines as they are written. */
    int listeners() {
        return listeners.get();
    }
}
