package dev.loopinfo.testbed;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.loopinfo.settings.Range;

/**
 * Settings of the test-bed endpoints, under {@code loopinfo.testbed}.
 *
 * @param maxDelay the longest wait {@code /delay/{seconds}} may be asked for
 * @param maxEchoSize the largest body {@code /echo} sends back
 * @param redactedHeaders headers {@code /headers} shows as {@code [redacted]}, besides
 * the credentials it always hides ({@link TestbedHandler#CREDENTIALS})
 * @param websocketMaxMessageSize the largest WebSocket message (frame) {@code /ws/echo}
 * takes
 * @param websocketIdleTimeout how long {@code /ws/echo} keeps a connection on which
 * nothing arrives
 * @param faultRate the share of the app port's requests that faults are injected into at
 * start (0: none)
 * @param faultStatus the status those requests are answered with instead of their page
 * (none: only latency)
 * @param faultLatency the latency added to them
 * @param faultJitter at most this much more latency, drawn at random for each
 */
@ConfigurationProperties("loopinfo.testbed")
record TestbedProperties(@DefaultValue("60s") @Range(min = "0s", max = "1h") Duration maxDelay,
        @DefaultValue("1MB") @Range(min = "1B", max = "64MB") DataSize maxEchoSize,
        @DefaultValue("") List<String> redactedHeaders,
        @DefaultValue("64KB") @Range(min = "1B", max = "16MB") DataSize websocketMaxMessageSize,
        @DefaultValue("60s") @Range(min = "1s", max = "1h") Duration websocketIdleTimeout,
        @DefaultValue("0") @Range(min = "0", max = "1") double faultRate,
        @Nullable @Range(min = "" + Statuses.LOWEST, max = "" + Statuses.HIGHEST) Integer faultStatus,
        @DefaultValue("0s") @Range(min = "0s", max = "10m") Duration faultLatency,
        @DefaultValue("0s") @Range(min = "0s", max = "10m") Duration faultJitter) {

    /** The faults these settings start the application with. */
    Fault initialFault() {
        return new Fault(faultRate, (faultStatus != null) ? faultStatus : 0, faultLatency, faultJitter);
    }
}
