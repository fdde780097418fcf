package dev.loopinfo.testbed;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The {@code faults} Actuator endpoint, on the management port only:
 * {@code GET /actuator/faults} reads the fault injected into the app port's requests,
 * {@code POST} with {@code {"rate":0.1,"status":503,"latency":"200ms", "jitter":"100ms"}}
 * sets it (what is left out is none), {@code DELETE} clears it. A fault is shown as it is
 * written: durations such as {@code 200ms}, and what is not injected left out.
 */
@Component
@Endpoint(id = "faults")
class FaultsEndpoint {

    private final FaultInjection injection;

    FaultsEndpoint(FaultInjection injection) {
        this.injection = injection;
    }

    @ReadOperation
    Fault.Shown fault() {
        return injection.current().shown();
    }

    /**
     * Sets the fault; every problem with the request is answered at once, as problem
     * details.
     */
    @WriteOperation
    Fault.Shown set(@Nullable Double rate, @Nullable Integer status, @Nullable String latency,
            @Nullable String jitter) {
        // Left out: every request, no status, no latency.
        double share = (rate != null) ? rate : 1;
        Duration fixed = duration(latency);
        Duration random = duration(jitter);
        List<String> problems = Fault.problems(share, status, fixed, random);
        if (!problems.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, String.join(" ", problems));
        }
        Fault fault = new Fault(share, (status != null) ? status : 0, fixed, random);
        injection.set(fault);
        return fault.shown();
    }

    /** No fault any more: 204, nothing to show. */
    @DeleteOperation
    void clear() {
        injection.set(Fault.NONE);
    }

    /**
     * A duration as Spring Boot reads them ({@code 200ms}, {@code 1s}), none when left
     * out, null when unreadable.
     */
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
