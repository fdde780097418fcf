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

import reactor.core.publisher.Mono;

/**
 * The {@code pipeline} Actuator endpoint, on the management port only: {@code GET /actuator/pipeline} reads
 * the snapshot; {@code POST /actuator/pipeline/pause}, {@code /resume}, and {@code /interval} with
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
                yield (parsed == null) ? badRequest(PipelineProperties.INTERVAL_RULE + " Got: " + interval)
                        : pipeline.interval(parsed);
            }
            default -> badRequest("Unknown action '" + action + "': use pause, resume or interval.");
        };
    }

    /** The interval as Spring Boot reads durations ({@code 250ms}, {@code 2s}, {@code PT1S}), if within range. */
    private static @Nullable Duration parse(@Nullable String interval) {
        if (interval == null) {
            return null;
        }
        Duration parsed;
        try {
            parsed = DurationStyle.detectAndParse(interval.strip());
        }
        catch (IllegalArgumentException notADuration) {
            return null;
        }
        return (parsed.compareTo(PipelineProperties.MIN_INTERVAL) < 0
                || parsed.compareTo(PipelineProperties.MAX_INTERVAL) > 0) ? null : parsed;
    }

    /** Answered as problem details, as every error on the management port is. */
    private static Mono<PipelineSnapshot> badRequest(String message) {
        return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, message));
    }
}
