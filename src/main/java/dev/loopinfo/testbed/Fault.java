package dev.loopinfo.testbed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

import dev.loopinfo.settings.SettingRules;

/**
 * A fault injected into a share of the app port's requests: an added latency (fixed plus
 * up to {@code jitter} more, at random), an answer with {@code status} instead of the
 * page, or both.
 *
 * @param rate the share of requests, from 0 (none) to 1 (all)
 * @param status the status to answer with, 200 to 599, or 0 to answer normally after the
 * latency
 * @param latency the latency added before answering
 * @param jitter at most this much more latency
 */
record Fault(double rate, int status, Duration latency, Duration jitter) {

    static final Fault NONE = new Fault(0, 0, Duration.ZERO, Duration.ZERO);

    /**
     * Why these values cannot be a fault, each problem once, in the words of the settings
     * that start the application with one ({@link TestbedProperties}); none if they can.
     */
    static List<String> problems(double rate, @Nullable Integer status, @Nullable Duration latency,
            @Nullable Duration jitter) {
        List<String> problems = new ArrayList<>();
        add(problems, "rate", "faultRate", rate, "");
        add(problems, "status", "faultStatus", status, ", or left out for none");
        add(problems, "latency", "faultLatency", latency, "");
        add(problems, "jitter", "faultJitter", jitter, "");
        return problems;
    }

    private static void add(List<String> problems, String name, String setting, @Nullable Object value,
            String otherwise) {
        String problem = SettingRules.problem(TestbedProperties.class, setting, value);
        if (problem != null) {
            problems.add(name + " " + problem + otherwise + ".");
        }
    }

    /**
     * The fault as the endpoint shows it and the log tells it: durations as they are
     * written ({@code 200ms}), and what is not injected left out.
     */
    Shown shown() {
        return new Shown(rate, (status != 0) ? status : null,
                latency.isZero() ? null : DurationStyle.SIMPLE.print(latency),
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
