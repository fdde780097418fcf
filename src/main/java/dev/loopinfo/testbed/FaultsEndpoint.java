package dev.loopinfo.testbed;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * The {@code faults} Actuator endpoint, on the management port only: {@code GET /actuator/faults} reads the fault
 * injected into the app port's requests, {@code POST} with {@code {"rate":0.1,"status":503,"latency":"200ms",
 * "jitter":"100ms"}} sets it (what is left out is none), {@code DELETE} clears it.
 */
@Component
@Endpoint(id = "faults")
class FaultsEndpoint {

    private final FaultInjection injection;

    FaultsEndpoint(FaultInjection injection) {
        this.injection = injection;
    }

    @ReadOperation
    Fault fault() {
        return injection.current();
    }

    @WriteOperation
    WebEndpointResponse<Object> set(@Nullable Double rate, @Nullable Integer status, @Nullable String latency,
            @Nullable String jitter) {
        // Left out: every request, no status, no latency.
        double share = (rate != null) ? rate : 1;
        int answered = (status != null) ? status : 0;
        Duration fixed = duration(latency);
        Duration random = duration(jitter);
        String problem = (fixed == null || random == null)
                ? "latency and jitter must be durations from 0 to 10m, such as \"200ms\"."
                : Fault.problem(share, answered, fixed, random);
        if (problem != null) {
            return new WebEndpointResponse<>(Map.of("status", 400, "message", problem),
                    WebEndpointResponse.STATUS_BAD_REQUEST);
        }
        Fault fault = new Fault(share, answered, fixed, random);
        injection.set(fault);
        return new WebEndpointResponse<>(fault);
    }

    @DeleteOperation
    Fault clear() {
        injection.set(Fault.NONE);
        return Fault.NONE;
    }

    /** A duration as Spring Boot reads them ({@code 200ms}, {@code 1s}), none when left out, null when unreadable. */
    private static @Nullable Duration duration(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return DurationStyle.detectAndParse(text.strip());
        }
        catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
