package dev.loopinfo.eventloop;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;

import org.springframework.context.SmartLifecycle;

/**
 * Tasks waiting on each event loop of the app server
 * ({@code reactor_netty_eventloop_pending_tasks}, Reactor Netty's name for it), by the
 * loop's thread name, from start-up on. A server started again runs on new loops of the
 * same names; each gauge follows its name to the new loop.
 */
class LoopMeters implements SmartLifecycle {

    private final Supplier<EventLoopGroup> loops;

    private final MeterRegistry registry;

    private final Map<String, AtomicReference<EventExecutor>> byName = new ConcurrentHashMap<>();

    private volatile boolean running;

    LoopMeters(Supplier<EventLoopGroup> loops, MeterRegistry registry) {
        this.loops = loops;
        this.registry = registry;
    }

    @Override
    public void start() {
        for (EventExecutor loop : loops.get()) {
            byName.computeIfAbsent(threadName(loop), this::register).set(loop);
        }
        running = true;
    }

    private AtomicReference<EventExecutor> register(String name) {
        AtomicReference<EventExecutor> loop = new AtomicReference<>();
        Gauge.builder("reactor.netty.eventloop.pending.tasks", loop, LoopMeters::pendingTasks)
            .description("Tasks waiting to run on a Reactor Netty event loop")
            .tag("name", name)
            .register(registry);
        return loop;
    }

    private static double pendingTasks(AtomicReference<EventExecutor> loop) {
        int pending = pendingTasks(loop.get());
        return (pending < 0) ? Double.NaN : pending;
    }

    /** Tasks waiting on {@code loop}, or -1 for a loop that does not say. */
    static int pendingTasks(EventExecutor loop) {
        return (loop instanceof SingleThreadEventExecutor executor) ? executor.pendingTasks() : -1;
    }

    /** The loops by thread name, as of the last start: empty before it. */
    SortedMap<String, EventExecutor> loops() {
        SortedMap<String, EventExecutor> loops = new TreeMap<>();
        byName.forEach((name, loop) -> loops.put(name, loop.get()));
        return loops;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * A loop's thread name, such as {@code reactor-http-epoll-2}: asked of the loop
     * itself, once, at start.
     */
    static String threadName(EventExecutor loop) {
        try {
            return loop.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while naming event loops", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("An event loop did not answer at start-up", ex);
        }
    }

}
