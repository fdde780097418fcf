package dev.loopinfo.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Stopped and started again (as Spring does with a paused context), the probe keeps measuring the same loops. */
class EventLoopLagProbeRestartTest {

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    private final Scheduler scheduler = Schedulers.newSingle("eventloop-probe-test");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void shutDown() {
        scheduler.dispose();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void afterARestartTheSameMetersShowABlockedLoop() {
        EventLoopLagProbe probe = new EventLoopLagProbe(loops, new EventLoopProperties(true, Duration.ofMillis(10),
                Duration.ofMillis(200), Duration.ofSeconds(10)), registry, scheduler);
        probe.start();
        probe.stop();
        assertThat(probe.isRunning()).isFalse();

        probe.start();
        loops.next().execute(() -> {
            long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
            long spins = 0;
            while (System.nanoTime() < until) {
                spins++;
            }
            assertThat(spins).isPositive();
        });

        assertThat(registry.get("loopinfo.eventloop.lag.worst").gauges()).hasSize(2);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                registry.get("loopinfo.eventloop.lag.worst").gauges().stream().mapToDouble(Gauge::value).max()
                    .orElse(0)).isGreaterThan(0.2));
        probe.stop();
    }

    @Test
    void aDisabledProbeStaysOffWhenStartedExplicitly() {
        EventLoopLagProbe probe = new EventLoopLagProbe(loops, new EventLoopProperties(false, Duration.ofMillis(10),
                Duration.ofMillis(200), Duration.ofSeconds(10)), registry, scheduler);

        probe.start();

        assertThat(probe.isRunning()).isFalse();
        assertThat(registry.find("loopinfo.eventloop.lag.worst").gauges()).isEmpty();
    }
}
