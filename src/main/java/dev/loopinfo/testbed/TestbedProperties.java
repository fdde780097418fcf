package dev.loopinfo.testbed;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the test-bed endpoints, under {@code loopinfo.testbed}.
 *
 * @param maxDelay the longest wait {@code /delay/{seconds}} may be asked for
 */
@ConfigurationProperties("loopinfo.testbed")
@Validated
public record TestbedProperties(@DefaultValue("60s") @DurationMin(millis = 0) @DurationMax(hours = 1) Duration maxDelay) {
}
