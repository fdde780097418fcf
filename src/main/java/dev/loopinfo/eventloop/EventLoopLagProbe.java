package dev.loopinfo.eventloop;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Measures how late each Netty event loop runs a task: Node.js's event-loop lag, for
 * Reactor Netty. Every {@code probe-interval} it hands each loop a no-op and records how
 * long the no-op waited to run. A loop that is blocked runs it late; a probe still
 * waiting counts as lag too, so a loop that is stuck right now shows it right now. At
 * most one probe per loop is ever outstanding, so a stuck loop is not buried under
 * probes.
 */
class EventLoopLagProbe implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventLoopLagProbe.class);

    private final Supplier<EventLoopGroup> loops;

    private final EventLoopProperties settings;

    private final MeterRegistry registry;

    private final Scheduler scheduler;

    /**
     * Each loop's probe by thread name, kept across restarts so that its meters go on
     * pointing at it.
     */
    private final Map<String, LoopProbe> probes = new ConcurrentHashMap<>();

    private volatile Disposable ticking;

    /**
     * A probe of the loops {@code loops} gives at each start: a restarted server runs on
     * new ones.
     */
    EventLoopLagProbe(Supplier<EventLoopGroup> loops, EventLoopProperties settings, MeterRegistry registry,
            Scheduler scheduler) {
        this.loops = loops;
        this.settings = settings;
        this.registry = registry;
        this.scheduler = scheduler;
    }

    /** Starts probing, last in Spring's start-up, once the web server is up. */
    @Override
    public synchronized void start() {
        // Also called on a context started again after a stop, whatever isAutoStartup()
        // says: disabled stays off.
        if (isRunning() || !settings.probeEnabled()) {
            return;
        }
        for (EventExecutor executor : loops.get()) {
            String name = LoopMeters.threadName(executor);
            probes.computeIfAbsent(name, loop -> new LoopProbe(loop, settings, registry)).attach(executor);
        }
        ticking = Flux.interval(settings.probeInterval(), settings.probeInterval(), scheduler)
            .onBackpressureDrop()
            .subscribe(tick -> probeAll(System.nanoTime()));
        log.info("Probing {} event loop(s) every {} ms for lag (blocked above {} ms)", probes.size(),
                settings.probeInterval().toMillis(), settings.blockedThreshold().toMillis());
    }

    @Override
    public synchronized void stop() {
        if (ticking != null) {
            ticking.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return ticking != null && !ticking.isDisposed();
    }

    /** Runs unless {@code loopinfo.eventloop.probe-enabled} is false. */
    @Override
    public boolean isAutoStartup() {
        return settings.probeEnabled();
    }

    /**
     * Each loop's lag now, by thread name: empty while the probe has not started (or is
     * off).
     */
    Map<String, Lag> lag() {
        long now = System.nanoTime();
        Map<String, Lag> lag = new TreeMap<>();
        probes.forEach((name, loop) -> lag.put(name, loop.lag(now)));
        return lag;
    }

    /**
     * One loop's lag as the probe saw it.
     *
     * @param nowMillis the worst of the last probe interval, a probe still waiting
     * included
     * @param lastMinuteMillis the worst of each of the last 60 seconds, oldest first (0
     * where nothing was measured)
     */
    record Lag(double nowMillis, List<Double> lastMinuteMillis) {

        /** The worst of the last minute. */
        double worstMillis() {
            return lastMinuteMillis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    private void probeAll(long now) {
        for (LoopProbe loop : probes.values()) {
            loop.closeInterval(now);
            loop.probe();
        }
    }

}
