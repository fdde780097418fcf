package dev.loopinfo.pipeline;

import java.util.ArrayList;
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

    private static final Kind[] KINDS = Kind.values();

    private final int capacity;

    // The last lines as their parts, in parallel arrays used as a ring: adding a line stores a few numbers, not a
    // formatted string, which keeps an unthrottled pipeline's transcript cheap.
    private final byte[] kinds;

    private final long[] numbers;

    private final int[] attempts;

    private final String[] details;

    private long added;

    // Best effort: a listener that is not ready for a line misses it, so no listener makes lines pile up.
    private final Sinks.Many<String> live = Sinks.many().multicast().directBestEffort();

    TranscriptRing(int capacity) {
        this.capacity = capacity;
        this.kinds = new byte[capacity];
        this.numbers = new long[capacity];
        this.attempts = new int[capacity];
        this.details = new String[capacity];
    }

    @Override
    public void add(Line line) {
        log.debug("{}", line);
        int slot = (int) (added++ % capacity);
        kinds[slot] = (byte) line.kind().ordinal();
        numbers[slot] = line.number();
        attempts[slot] = line.attempts();
        details[slot] = line.detail();
        if (live.currentSubscriberCount() > 0) {
            live.tryEmitNext(line.text());
        }
    }

    List<String> lines() {
        int kept = (int) Math.min(added, capacity);
        List<String> text = new ArrayList<>(kept);
        for (long line = added - kept; line < added; line++) {
            int slot = (int) (line % capacity);
            text.add(new Line(KINDS[kinds[slot]], numbers[slot], attempts[slot], details[slot]).text());
        }
        return text;
    }

    Flux<String> live() {
        return live.asFlux();
    }
}
