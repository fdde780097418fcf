package dev.loopinfo.support;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What a client's fault must never leave behind on the server: a 5xx counted that the
 * client did not receive, or a line logged at WARN or ERROR, or a stack trace.
 */
public final class ClientFaults {

    private ClientFaults() {
    }

    /**
     * Requests answered with a 5xx so far, as counted in
     * {@code http_server_requests_seconds}.
     */
    public static double serverErrorsCounted(MeterRegistry registry) {
        return registry.find("http.server.requests")
            .timers()
            .stream()
            .filter(timer -> timer.getId().getTag("status").startsWith("5"))
            .mapToDouble(Timer::count)
            .sum();
    }

    /**
     * The log's WARN and ERROR lines and stack traces, the first 20. Netty's leak reports
     * are left out: one comes at a GC, in whichever test runs then, for a buffer lost
     * anywhere earlier in the JVM — so far always by the test client
     * ({@code WebTestClient} when a test reads only the status: spring-boot#37627).
     */
    public static List<String> loudLines(String log) {
        return log.lines()
            .filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by")
                    || ((line.contains(" ERROR ") || line.contains(" WARN "))
                            && !line.contains("ResourceLeakDetector")))
            .limit(20)
            .toList();
    }

}
