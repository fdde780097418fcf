package dev.loopinfo.web;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what a client may hold of the app port, under {@code loopinfo.http}.
 *
 * @param requestHeaderTimeout how long a connection may take to deliver a request's headers, counted from when
 * it opens or its previous response ends: clients that trickle headers, and idle keep-alive connections, are
 * closed after it
 */
@ConfigurationProperties("loopinfo.http")
@Validated
public record HttpLimits(
        @DefaultValue("20s") @DurationMin(millis = 100) @DurationMax(minutes = 10) Duration requestHeaderTimeout) {
}
