package dev.loopinfo.testbed;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fault injected into a share of the app port's requests: an added latency (fixed plus up to {@code jitter} more,
 * at random), an answer with {@code status} instead of the page, or both.
 *
 * @param rate the share of requests, from 0 (none) to 1 (all)
 * @param status the status to answer with, 200 to 599, or 0 to answer normally after the latency
 * @param latency the latency added before answering
 * @param jitter at most this much more latency
 */
record Fault(double rate, int status, Duration latency, Duration jitter) {

    static final Fault NONE = new Fault(0, 0, Duration.ZERO, Duration.ZERO);

    /** Why these values cannot be a fault, or null if they can. */
    static String problem(double rate, int status, Duration latency, Duration jitter) {
        if (!(rate >= 0 && rate <= 1)) {
            return "rate must be from 0 to 1, such as 0.1.";
        }
        if (status != 0 && !Statuses.isAnswerable(status)) {
            return "status must be an HTTP status from 200 to 599, or 0 for none.";
        }
        Duration most = Duration.ofMinutes(10);
        if (latency.isNegative() || latency.compareTo(most) > 0 || jitter.isNegative() || jitter.compareTo(most) > 0) {
            return "latency and jitter must be durations from 0 to 10m, such as \"200ms\".";
        }
        return null;
    }

    boolean isActive() {
        return rate > 0 && (status != 0 || !latency.isZero() || !jitter.isZero());
    }

    /** Whether this request gets the fault: drawn at random, at the fault's rate. */
    boolean strikes() {
        return isActive() && ThreadLocalRandom.current().nextDouble() < rate;
    }

    /** The latency for one request: the fixed part plus a random share of the jitter. */
    Duration nextLatency() {
        long jitterNanos = jitter.toNanos();
        return (jitterNanos == 0) ? latency : latency.plusNanos(ThreadLocalRandom.current().nextLong(jitterNanos + 1));
    }
}
