package dev.loopinfo.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.loopinfo.settings.Range;

/**
 * Settings of every server-sent-event stream ({@code /pipeline/events},
 * {@code /loops/events}, the lessons'), under {@code loopinfo.events}.
 *
 * @param heartbeatInterval how often a stream sends a keep-alive comment, so that proxies
 * keep a quiet stream open
 * @param clientBuffer most events held for a client that reads slowly; past it the oldest
 * are skipped
 * @param retry how soon a browser reconnects after its stream broke
 */
@ConfigurationProperties("loopinfo.events")
public record EventStreamProperties(@DefaultValue("15s") @Range(min = "1s", max = "10m") Duration heartbeatInterval,
        @DefaultValue("256") @Range(min = "1", max = "10000") int clientBuffer,
        @DefaultValue("1s") @Range(min = "100ms", max = "1m") Duration retry) {
}
