package dev.loopinfo.eventloop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

    private static final Duration[] LAG_BUCKETS = { Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5) };

    private final Supplier<EventLoopGroup> loops;

    private final EventLoopProperties settings;

    private final MeterRegistry registry;

    private final Scheduler scheduler;

    /**
     * Each loop's probe by thread name, kept across restarts so that its meters go on
     * pointing at it.
     */
    private final Map<String, Loop> probes = new ConcurrentHashMap<>();

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
            probes.computeIfAbsent(name, Loop::new).attach(executor);
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
        for (Loop loop : probes.values()) {
            loop.closeInterval(now);
            loop.probe();
        }
    }

    private static final int SECONDS = 60;

    /**
     * One event loop's probe and meters; the probe's no-op is the loop's own
     * {@link #run}, made once.
     */
    private final class Loop implements Runnable {

        private volatile EventExecutor executor;

        private final String name;

        private final Timer lag;

        /**
         * When the outstanding probe was handed over (System.nanoTime), or 0 when none is
         * outstanding.
         */
        private final AtomicLong pendingSince = new AtomicLong();

        private final AtomicLong worstSinceTick = new AtomicLong();

        private volatile long worstOfLastInterval;

        private boolean warned;

        private long lastWarning;

        /**
         * The worst lag of each of the last 60 seconds, in the slot of its second
         * (System.nanoTime in seconds).
         */
        private final long[] worstBySecond = new long[SECONDS];

        private final long[] secondOfSlot = new long[SECONDS];

        Loop(String name) {
            this.name = name;
            this.lag = Timer.builder("loopinfo.eventloop.lag")
                .description("How long a no-op handed to this Netty event loop waited before it ran")
                .tag("loop", name)
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
            Gauge.builder("loopinfo.eventloop.lag.worst", this, loop -> loop.worstOfLastInterval / 1e9)
                .description("Worst lag of this Netty event loop in the last probe interval, a probe still "
                        + "waiting included")
                .tag("loop", name)
                .baseUnit("seconds")
                .register(registry);
        }

        /**
         * Probes this executor from now on: a restarted server's loop of the same name.
         */
        void attach(EventExecutor newExecutor) {
            executor = newExecutor;
            pendingSince.set(0); // a probe left on a loop that has shut down will never
                                 // run: not lag
        }

        void probe() {
            if (pendingSince.compareAndSet(0, System.nanoTime())) {
                try {
                    executor.execute(this);
                }
                catch (RejectedExecutionException shutDown) {
                    pendingSince.set(0); // the server is stopping; the next start
                                         // attaches its new loops
                }
            } // else the last probe has not run yet: this loop is busy or stuck
        }

        /** The probe, on the event loop: how long it waited since it was handed over. */
        @Override
        public void run() {
            long waited = System.nanoTime() - pendingSince.get();
            lag.record(waited, TimeUnit.NANOSECONDS);
            worstSinceTick.accumulateAndGet(waited, Math::max);
            pendingSince.set(0);
        }

        /**
         * Settles the interval that ends now: its worst lag, and a warning if that is
         * over the threshold.
         */
        void closeInterval(long now) {
            long pending = pendingSince.get();
            long worst = Math.max(worstSinceTick.getAndSet(0), (pending == 0) ? 0 : now - pending);
            worstOfLastInterval = worst;
            remember(now, worst);
            // Whole milliseconds, as the warning shows them: 200.4 ms is not above a
            // threshold of 200 ms.
            long worstMillis = TimeUnit.NANOSECONDS.toMillis(worst);
            if (worstMillis > settings.blockedThreshold().toMillis()
                    && (!warned || now - lastWarning >= settings.warnInterval().toNanos())) {
                warned = true;
                lastWarning = now;
                log.warn("Event loop {} is blocked: a task waited {} ms to run (threshold {} ms)", name, worstMillis,
                        settings.blockedThreshold().toMillis());
            }
        }

        /**
         * Keeps the worst lag of each second, for {@link #lag}; written by the probe's
         * thread, read by pages.
         */
        private synchronized void remember(long now, long worst) {
            long second = TimeUnit.NANOSECONDS.toSeconds(now);
            int slot = (int) Math.floorMod(second, (long) SECONDS);
            if (secondOfSlot[slot] != second) {
                secondOfSlot[slot] = second;
                worstBySecond[slot] = 0;
            }
            worstBySecond[slot] = Math.max(worstBySecond[slot], worst);
        }

        /**
         * The lag now and over the last minute; the probe's thread may write meanwhile,
         * hence the lock.
         */
        synchronized Lag lag(long now) {
            long second = TimeUnit.NANOSECONDS.toSeconds(now);
            List<Double> lastMinute = new ArrayList<>(SECONDS);
            for (long past = second - SECONDS + 1; past <= second; past++) {
                int slot = (int) Math.floorMod(past, (long) SECONDS);
                lastMinute.add((secondOfSlot[slot] == past) ? worstBySecond[slot] / 1e6 : 0);
            }
            return new Lag(worstOfLastInterval / 1e6, lastMinute);
        }

    }

}
