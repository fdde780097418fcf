package dev.loopinfo.http;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.loopinfo.settings.Range;

/**
 * Limits on what clients may hold of the HTTP servers, under {@code loopinfo.http}.
 *
 * @param requestBodyTimeout longest time, on either port, to receive a request's whole
 * body once its headers have arrived; then the connection is closed
 * @param maxConnections most connections the app port holds open at once; one more is
 * accepted and closed at once. Lowered at start-up to leave 1,000 files under the
 * process's open-file limit, so that the management port and its probes always answer
 */
@ConfigurationProperties("loopinfo.http")
record HttpProperties(@DefaultValue("30s") @Range(min = "100ms", max = "10m") Duration requestBodyTimeout,
        @DefaultValue("15000") @Range(min = "1", max = "1000000") int maxConnections) {
}
