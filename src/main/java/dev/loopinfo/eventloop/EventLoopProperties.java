package dev.loopinfo.eventloop;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the event-loop lag probe, under {@code loopinfo.eventloop}.
 *
 * @param probeEnabled whether the lag probe runs
 * @param probeInterval how often a no-op is scheduled on each Netty event loop
 * @param blockedThreshold lag above which an event loop counts as blocked and a WARN line is logged
 * @param warnInterval at most one WARN line per event loop within this interval
 * @param eventsInterval how often {@code /loops/events} sends the loops' figures to a live page
 */
@ConfigurationProperties("loopinfo.eventloop")
@Validated
record EventLoopProperties(
        @DefaultValue("true") boolean probeEnabled,
        @DefaultValue("100ms") @DurationMin(millis = 1) @DurationMax(minutes = 1) Duration probeInterval,
        @DefaultValue("200ms") @DurationMin(millis = 1) @DurationMax(minutes = 10) Duration blockedThreshold,
        @DefaultValue("10s") @DurationMin(millis = 0) @DurationMax(hours = 1) Duration warnInterval,
        @DefaultValue("1s") @DurationMin(millis = 100) @DurationMax(minutes = 1) Duration eventsInterval) {
}
