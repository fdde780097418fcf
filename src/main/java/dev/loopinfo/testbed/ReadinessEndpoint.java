package dev.loopinfo.testbed;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The {@code readiness} Actuator endpoint, on the management port only: takes this
 * instance out of its Service and puts it back by hand, so that a drain or a rolling
 * update can be rehearsed on one pod. {@code POST /actuator/readiness/refuse} makes
 * {@code /actuator/health/readiness} answer 503 while every page is still served;
 * {@code POST /actuator/readiness/accept} undoes it; {@code GET /actuator/readiness}
 * reads it.
 */
@Component
@Endpoint(id = "readiness")
class ReadinessEndpoint {

    private static final Logger log = LoggerFactory.getLogger(ReadinessEndpoint.class);

    private final ApplicationAvailability availability;

    private final ApplicationEventPublisher events;

    ReadinessEndpoint(ApplicationAvailability availability, ApplicationEventPublisher events) {
        this.availability = availability;
        this.events = events;
    }

    @ReadOperation
    Map<String, ReadinessState> readiness() {
        return Map.of("readiness", availability.getReadinessState());
    }

    @WriteOperation
    Map<String, ReadinessState> change(@Selector String action) {
        ReadinessState state = switch (action) {
            case "refuse" -> ReadinessState.REFUSING_TRAFFIC;
            case "accept" -> ReadinessState.ACCEPTING_TRAFFIC;
            default -> null;
        };
        if (state == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Unknown action '" + action + "': use refuse or accept.");
        }
        if (availability.getReadinessState() != state) {
            log.info("Readiness set by hand: {}", state);
            AvailabilityChangeEvent.publish(events, this, state);
        }
        return Map.of("readiness", state);
    }

}
