package dev.loopinfo.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Stopped and started again (as Spring does with a paused context), the probe keeps
 * measuring the same loops.
 */
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
        EventLoopLagProbe probe = new EventLoopLagProbe(() -> loops, new EventLoopProperties(true,
                Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(1)), registry,
                scheduler);
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
        Awaitility.await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(10))
            .untilAsserted(() -> assertThat(registry.get("loopinfo.eventloop.lag.worst")
                .gauges()
                .stream()
                .mapToDouble(Gauge::value)
                .max()
                .orElse(0)).isGreaterThan(0.2));
        probe.stop();
    }

    @Test
    void aDisabledProbeStaysOffWhenStartedExplicitly() {
        EventLoopLagProbe probe = new EventLoopLagProbe(() -> loops, new EventLoopProperties(false,
                Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(1)), registry,
                scheduler);

        probe.start();

        assertThat(probe.isRunning()).isFalse();
        assertThat(registry.find("loopinfo.eventloop.lag.worst").gauges()).isEmpty();
    }

    @Test
    void afterARestartOnNewLoopsItProbesTheNewOnesAndReportsNoFalseLag() throws Exception {
        // Like a restarted server's: new threads with the same names.
        EventLoopGroup first = new MultiThreadIoEventLoopGroup(2, threadsNamedLoop(), NioIoHandler.newFactory());
        EventLoopGroup second = new MultiThreadIoEventLoopGroup(2, threadsNamedLoop(), NioIoHandler.newFactory());
        AtomicReference<EventLoopGroup> current = new AtomicReference<>(first);
        EventLoopLagProbe probe = new EventLoopLagProbe(current::get, new EventLoopProperties(true,
                Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(1)), registry,
                scheduler);
        try {
            probe.start();
            probe.stop();
            first.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            // Any tick left over (due within one probe interval) meets a loop that has
            // shut down: the probe's one thread runs its timers in order, so a timer set
            // two intervals ahead fires after it.
            CountDownLatch leftOverTicksRan = new CountDownLatch(1);
            scheduler.schedule(leftOverTicksRan::countDown, 20, TimeUnit.MILLISECONDS);
            assertThat(leftOverTicksRan.await(5, TimeUnit.SECONDS)).isTrue();
            current.set(second);

            double probedBefore = probes();
            probe.start();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> probes() >= probedBefore + 2 * 3);
            assertThat(registry.get("loopinfo.eventloop.lag.worst").gauges()).hasSize(2)
                .allSatisfy(worst -> assertThat(worst.value()).as("no false lag").isLessThan(0.2));
            second.next().execute(() -> {
                long until = System.nanoTime() + Duration.ofMillis(600).toNanos();
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
            Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(registry.get("loopinfo.eventloop.lag.worst")
                    .gauges()
                    .stream()
                    .mapToDouble(Gauge::value)
                    .max()
                    .orElse(0)).isGreaterThan(0.2));
        }
        finally {
            probe.stop();
            second.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Probes answered so far, every loop's together. */
    private double probes() {
        return registry.find("loopinfo.eventloop.lag").timers().stream().mapToDouble(Timer::count).sum();
    }

    private static ThreadFactory threadsNamedLoop() {
        AtomicInteger count = new AtomicInteger();
        return task -> new Thread(task, "loop-" + count.incrementAndGet());
    }

}
