package dev.loopinfo.lessons;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.loopinfo.settings.Range;

/**
 * Settings of the lesson pages, under {@code loopinfo.lessons}.
 *
 * @param sleep the lessons' {@code asyncio.sleep(1)}
 * @param linePause the pause between lines when the producer–consumer transcript is
 * replayed
 * @param blockingRuns the most runs of the blocking lesson at once, each holding a thread
 * of its own for about two {@code sleep}s; one more is refused with 503
 */
@ConfigurationProperties("loopinfo.lessons")
record LessonsProperties(@DefaultValue("1s") @Range(min = "0s", max = "30s") Duration sleep,
        @DefaultValue("200ms") @Range(min = "0s", max = "5s") Duration linePause,
        @DefaultValue("4") @Range(min = "1", max = "64") int blockingRuns) {
}
