package dev.loopinfo.eventloop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.util.concurrent.EventExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.loopinfo.eventloop.EventLoopLagProbe.Lag;

/**
 * One event loop's probe ({@link EventLoopLagProbe}), its meters and its last minute; the
 * no-op it hands the loop is its own {@link #run}, made once. Kept across restarts, so
 * that its meters go on pointing at the loop of its name.
 */
final class LoopProbe implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LoopProbe.class);

    private static final Duration[] LAG_BUCKETS = { Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5) };

    private static final int SECONDS = 60;

    private final EventLoopProperties settings;

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

    LoopProbe(String name, EventLoopProperties settings, MeterRegistry registry) {
        this.name = name;
        this.settings = settings;
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
        // A probe left on a loop that has shut down will never run: not lag
        pendingSince.set(0);
    }

    void probe() {
        if (pendingSince.compareAndSet(0, System.nanoTime())) {
            try {
                executor.execute(this);
            }
            catch (RejectedExecutionException shutDown) {
                // The server is stopping; the next start attaches its new loops
                pendingSince.set(0);
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
     * Settles the interval that ends now: its worst lag, and a warning if that is over
     * the threshold.
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
     * The lag now and over the last minute; the probe's thread may write meanwhile, hence
     * the lock.
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
