package dev.loopinfo.eventloop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import io.netty.util.concurrent.EventExecutor;

import org.springframework.context.SmartLifecycle;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The app server's event loops now, for the loops' page and its live events: each loop's
 * lag as the probe sees it, the tasks waiting on it and the connections it serves.
 */
class EventLoops implements SmartLifecycle {

    private final LoopMeters loops;

    private final EventLoopLagProbe probe;

    private final ConnectionMeters connections;

    private final EventLoopProperties settings;

    private volatile Sinks.Empty<Void> stopped = Sinks.empty();

    private volatile boolean running;

    EventLoops(LoopMeters loops, EventLoopLagProbe probe, ConnectionMeters connections, EventLoopProperties settings) {
        this.loops = loops;
        this.probe = probe;
        this.connections = connections;
        this.settings = settings;
    }

    Snapshot now() {
        Map<String, EventLoopLagProbe.Lag> lag = probe.lag();
        SortedMap<String, EventExecutor> byName = loops.loops();
        List<Loop> now = new ArrayList<>(byName.size());
        byName.forEach((name, loop) -> {
            EventLoopLagProbe.Lag its = lag.getOrDefault(name, new EventLoopLagProbe.Lag(0, List.of()));
            now.add(new Loop(name, its.nowMillis(), its.worstMillis(), its.lastMinuteMillis(),
                    LoopMeters.pendingTasks(loop), connections.openOn(loop)));
        });
        return new Snapshot(probe.isRunning(), settings.blockedThreshold().toMillis(), now);
    }

    /**
     * Completes when the application stops, before the web server's graceful shutdown
     * waits on open streams.
     */
    Mono<Void> stopped() {
        return Mono.defer(() -> stopped.asMono());
    }

    @Override
    public void start() {
        stopped = Sinks.empty();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopped.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * The event loops now.
     *
     * @param probing whether the lag probe runs
     * ({@code loopinfo.eventloop.probe-enabled}); without it, lag is 0
     * @param blockedThresholdMillis lag above which a loop counts as blocked
     * ({@code blocked-threshold})
     * @param loops each loop of the app server, by thread name
     */
    record Snapshot(boolean probing, long blockedThresholdMillis, List<Loop> loops) {
    }

    /**
     * One event loop now.
     *
     * @param name its thread's name
     * @param lagMillis how late it ran the probe's last no-op (the worst of the last
     * probe interval)
     * @param worstMillis the worst lag of the last minute
     * @param lastMinuteMillis the worst lag of each of the last 60 seconds, oldest first
     * @param pendingTasks tasks waiting to run on it (-1 if the loop does not say)
     * @param openConnections connections it serves
     */
    record Loop(String name, double lagMillis, double worstMillis, List<Double> lastMinuteMillis, int pendingTasks,
            long openConnections) {
    }

}
