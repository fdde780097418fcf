package dev.loopinfo.testbed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

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

    /** The longest latency or jitter, in minutes: the settings' bound too ({@link TestbedProperties}). */
    static final long MOST_MINUTES = 10;

    static final Duration MOST = Duration.ofMinutes(MOST_MINUTES);

    /** The rule for latency and jitter, in words. */
    static final String DURATION_RULE = "must be a duration from 0 to 10m, such as \"200ms\".";

    /** Why these values cannot be a fault, each problem once; none if they can. */
    static List<String> problems(double rate, int status, @Nullable Duration latency, @Nullable Duration jitter) {
        List<String> problems = new ArrayList<>();
        if (!(rate >= 0 && rate <= 1)) {
            problems.add("rate must be from 0 to 1, such as 0.1.");
        }
        if (status != 0 && !Statuses.isAnswerable(status)) {
            problems.add("status must be an HTTP status from 200 to 599, or left out for none.");
        }
        if (latency == null || latency.isNegative() || latency.compareTo(MOST) > 0) {
            problems.add("latency " + DURATION_RULE);
        }
        if (jitter == null || jitter.isNegative() || jitter.compareTo(MOST) > 0) {
            problems.add("jitter " + DURATION_RULE);
        }
        return problems;
    }

    /**
     * The fault as the endpoint shows it and the log tells it: durations as they are written ({@code 200ms}), and
     * what is not injected left out.
     */
    Shown shown() {
        return new Shown(rate, (status != 0) ? status : null, latency.isZero() ? null : DurationStyle.SIMPLE.print(latency),
                jitter.isZero() ? null : DurationStyle.SIMPLE.print(jitter));
    }

    /**
     * A fault as {@code /actuator/faults} shows it.
     *
     * @param rate the share of requests, 0 when there is no fault
     * @param status the status answered instead of the page; none: the page is served
     * @param latency the latency added; none: none
     * @param jitter at most this much more latency; none: none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Shown(double rate, @Nullable Integer status, @Nullable String latency, @Nullable String jitter) {
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
