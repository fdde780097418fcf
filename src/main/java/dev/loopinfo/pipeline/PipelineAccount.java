package dev.loopinfo.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline's account: messages produced, held back, started, acknowledged, failed and
 * dropped, and what follows from them. Written on the pipeline's thread only; atomics so
 * that meters may read it from anywhere.
 */
final class PipelineAccount {

    private final AtomicLong produced = new AtomicLong();

    private final AtomicLong started = new AtomicLong();

    private final AtomicLong acknowledged = new AtomicLong();

    private final AtomicLong failed = new AtomicLong();

    private final AtomicLong dropped = new AtomicLong();

    private final AtomicLong deferred = new AtomicLong();

    private final AtomicLong skippedTicks = new AtomicLong();

    void onProduced() {
        produced.incrementAndGet();
    }

    /** The producer held a message back: the buffer was full. */
    void onDeferred() {
        deferred.incrementAndGet();
    }

    /** The consumer took a message from the buffer. */
    void onStarted() {
        started.incrementAndGet();
    }

    void onAcknowledged() {
        acknowledged.incrementAndGet();
    }

    void onFailed() {
        failed.incrementAndGet();
    }

    void onDropped() {
        dropped.incrementAndGet();
    }

    void onTicksSkipped(long ticks) {
        skippedTicks.addAndGet(ticks);
    }

    /**
     * After a stop that did not drain, what the flow still held is gone: buffered
     * messages count as dropped, those being consumed as failed. Returns what was left.
     */
    Counts discardInFlight() {
        Counts left = now();
        dropped.addAndGet(left.buffered());
        failed.addAndGet(left.consuming());
        return left;
    }

    /**
     * The counts at this moment. Read from the last step back to the first, so that a
     * reader off the pipeline's thread never sees a message settled that was not yet
     * produced.
     */
    Counts now() {
        long acknowledgedNow = acknowledged.get();
        long failedNow = failed.get();
        long startedNow = started.get();
        long droppedNow = dropped.get();
        return new Counts(produced.get(), startedNow, acknowledgedNow, failedNow, droppedNow, deferred.get());
    }

    long produced() {
        return produced.get();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failed() {
        return failed.get();
    }

    long dropped() {
        return dropped.get();
    }

    long deferred() {
        return deferred.get();
    }

    long skippedTicks() {
        return skippedTicks.get();
    }

    /**
     * As {@link Counts#buffered}, read without a {@code Counts}: the producer asks before
     * every message.
     */
    long buffered() {
        return Counts.buffered(produced.get(), dropped.get(), started.get());
    }

    long inFlight() {
        return Counts.inFlight(produced.get(), acknowledged.get(), failed.get(), dropped.get());
    }

    /**
     * The account at one moment, and the three figures that follow from it, each written
     * once.
     */
    record Counts(long produced, long started, long acknowledged, long failed, long dropped, long deferred) {

        /** Produced and not yet settled: buffered or being consumed. */
        long inFlight() {
            return inFlight(produced, acknowledged, failed, dropped);
        }

        /** Waiting between producer and consumer. */
        long buffered() {
            return buffered(produced, dropped, started);
        }

        /** Taken by the consumer and not yet settled. */
        long consuming() {
            return Math.max(0, started - acknowledged - failed);
        }

        // Never below 0: a reader off the pipeline's thread may catch one count moved and
        // not the next.
        static long inFlight(long produced, long acknowledged, long failed, long dropped) {
            return Math.max(0, produced - acknowledged - failed - dropped);
        }

        static long buffered(long produced, long dropped, long started) {
            return Math.max(0, produced - dropped - started);
        }
    }

}
