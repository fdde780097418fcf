package dev.loopinfo.eventloop;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.loopinfo.settings.Range;

/**
 * Settings of the event-loop lag probe, under {@code loopinfo.eventloop}.
 *
 * @param probeEnabled whether the lag probe runs
 * @param probeInterval how often a no-op is scheduled on each Netty event loop
 * @param blockedThreshold lag above which an event loop counts as blocked and a WARN line
 * is logged
 * @param warnInterval at most one WARN line per event loop within this interval
 * @param eventsInterval how often {@code /loops/events} sends the loops' figures to a
 * live page
 */
@ConfigurationProperties("loopinfo.eventloop")
record EventLoopProperties(@DefaultValue("true") boolean probeEnabled,
        @DefaultValue("100ms") @Range(min = "1ms", max = "1m") Duration probeInterval,
        @DefaultValue("200ms") @Range(min = "1ms", max = "10m") Duration blockedThreshold,
        @DefaultValue("10s") @Range(min = "0s", max = "1h") Duration warnInterval,
        @DefaultValue("1s") @Range(min = "100ms", max = "1m") Duration eventsInterval) {
}
