package dev.loopinfo.web;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what clients may hold of the HTTP servers, under {@code loopinfo.http}.
 *
 * @param requestBodyTimeout longest time, on either port, to receive a request's whole body once its headers have
 * arrived; then the connection is closed
 * @param maxConnections most connections the app port holds open at once; one more is accepted and closed at once.
 * Lowered at start-up to leave 1,000 files under the process's open-file limit, so that the management port and
 * its probes always answer
 */
@ConfigurationProperties("loopinfo.http")
@Validated
record HttpProperties(
        @DefaultValue("30s") @DurationMin(millis = 100) @DurationMax(minutes = 10) Duration requestBodyTimeout,
        @DefaultValue("15000") @Min(1) @Max(1_000_000) int maxConnections) {
}
