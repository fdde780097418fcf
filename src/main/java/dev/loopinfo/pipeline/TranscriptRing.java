package dev.loopinfo.pipeline;

import java.util.ArrayDeque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The continuous pipeline's transcript: each line logged at DEBUG, the last {@code capacity} kept for the live
 * page, and every new line offered to live listeners. Lines are formatted only for a reader, a listener or the
 * log. Written and read on the pipeline's thread only.
 */
class TranscriptRing implements Transcript {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final int capacity;

    private final ArrayDeque<Line> lines;

    // Best effort: a listener that is not ready for a line misses it, so no listener makes lines pile up.
    private final Sinks.Many<String> live = Sinks.many().multicast().directBestEffort();

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
        return live.asFlux();
    }

    /** How many listeners follow the lines as they are written. */
    int listeners() {
        return live.currentSubscriberCount();
    }
}
