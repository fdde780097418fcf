package dev.loopinfo.testbed;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the test-bed endpoints, under {@code loopinfo.testbed}.
 *
 * @param maxDelay the longest wait {@code /delay/{seconds}} may be asked for
 * @param maxEchoSize the largest body {@code /echo} sends back
 * @param redactedHeaders headers {@code /headers} shows as {@code [redacted]}, besides the credentials it always hides
 *        ({@link TestbedHandler#CREDENTIALS})
 * @param websocketMaxMessageSize the largest WebSocket message (frame) {@code /ws/echo} takes
 * @param websocketIdleTimeout how long {@code /ws/echo} keeps a connection on which nothing arrives
 * @param faultRate the share of the app port's requests that faults are injected into at start (0: none)
 * @param faultStatus the status those requests are answered with instead of their page (none: only latency)
 * @param faultLatency the latency added to them
 * @param faultJitter at most this much more latency, drawn at random for each
 */
@ConfigurationProperties("loopinfo.testbed")
@Validated
record TestbedProperties(
        @DefaultValue("60s") @DurationMin(millis = 0) @DurationMax(hours = 1) Duration maxDelay,
        @DefaultValue("1MB") @SizeRange(min = "1B", max = "64MB") DataSize maxEchoSize,
        @DefaultValue("") List<@NotNull String> redactedHeaders,
        @DefaultValue("64KB") @SizeRange(min = "1B", max = "16MB") DataSize websocketMaxMessageSize,
        @DefaultValue("60s") @DurationMin(seconds = 1) @DurationMax(hours = 1) Duration websocketIdleTimeout,
        @DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double faultRate,
        @Nullable @Min(Statuses.LOWEST) @Max(Statuses.HIGHEST) Integer faultStatus,
        @DefaultValue("0s") @DurationMin(millis = 0) @DurationMax(minutes = Fault.MOST_MINUTES) Duration faultLatency,
        @DefaultValue("0s") @DurationMin(millis = 0) @DurationMax(minutes = Fault.MOST_MINUTES) Duration faultJitter) {

    /** The faults these settings start the application with. */
    Fault initialFault() {
        return new Fault(faultRate, (faultStatus != null) ? faultStatus : 0, faultLatency, faultJitter);
    }
}
