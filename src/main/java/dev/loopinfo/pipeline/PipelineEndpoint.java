package dev.loopinfo.pipeline;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import dev.loopinfo.settings.SettingRules;
import reactor.core.publisher.Mono;

/**
 * The {@code pipeline} Actuator endpoint, on the management port only:
 * {@code GET /actuator/pipeline} reads the snapshot;
 * {@code POST /actuator/pipeline/pause}, {@code /resume}, and {@code /interval} with
 * {@code {"interval":"250ms"}} control it.
 */
@Component
@Endpoint(id = "pipeline")
class PipelineEndpoint {

    private final PipelineControls pipeline;

    PipelineEndpoint(PipelineControls pipeline) {
        this.pipeline = pipeline;
    }

    @ReadOperation
    Mono<PipelineSnapshot> snapshot() {
        return pipeline.snapshot();
    }

    @WriteOperation
    Mono<PipelineSnapshot> control(@Selector String action, @Nullable String interval) {
        return switch (action) {
            case "pause" -> pipeline.pause();
            case "resume" -> pipeline.resume();
            case "interval" -> {
                Duration parsed = parse(interval);
                String problem = SettingRules.problem(PipelineProperties.class, "interval", parsed);
                yield (problem == null) ? pipeline.interval(parsed)
                        : badRequest("interval " + problem + ", such as \"250ms\" or \"2s\". Got: " + interval);
            }
            default -> badRequest("Unknown action '" + action + "': use pause, resume or interval.");
        };
    }

    /**
     * The interval as Spring Boot reads durations ({@code 250ms}, {@code 2s},
     * {@code PT1S}), if it is one.
     */
    private static @Nullable Duration parse(@Nullable String interval) {
        try {
            return (interval != null) ? DurationStyle.detectAndParse(interval.strip()) : null;
        }
        catch (IllegalArgumentException notADuration) {
            return null;
        }
    }

    /** Answered as problem details, as every error on the management port is. */
    private static Mono<PipelineSnapshot> badRequest(String message) {
        return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, message));
    }

}
