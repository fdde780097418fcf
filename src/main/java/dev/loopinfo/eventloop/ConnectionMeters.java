package dev.loopinfo.eventloop;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.EventExecutor;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerState;

/**
 * Open connections to the app port, and those with a request in progress, under the names
 * Reactor Netty's own metrics use ({@code reactor_netty_http_server_connections},
 * {@code …_connections_active}), so that dashboards built for them keep working. Counted
 * as connections open and close and as requests start and end: two counter updates per
 * request, where Reactor Netty's metrics would time every request a second time.
 */
final class ConnectionMeters implements NettyServerCustomizer {

    /**
     * Set while the connection has a request in progress, so that a request is counted
     * out exactly once.
     */
    private static final AttributeKey<Boolean> IN_PROGRESS = AttributeKey.valueOf(ConnectionMeters.class, "active");

    private final LongAdder open = new LongAdder();

    private final LongAdder active = new LongAdder();

    /** Open connections by the event loop that serves them, for the loops' page. */
    private final Map<EventLoop, LongAdder> openByLoop = new ConcurrentHashMap<>();

    /**
     * Counted out when the connection closes, with its request if one was still in
     * progress.
     */
    private final ChannelFutureListener closed = future -> {
        open.decrement();
        openByLoop.get(future.channel().eventLoop()).decrement();
        requestEnded(future.channel());
    };

    ConnectionMeters(MeterRegistry registry) {
        Gauge.builder("reactor.netty.http.server.connections.total", open, LongAdder::sum)
            .description("Open connections to the app port")
            .register(registry);
        Gauge.builder("reactor.netty.http.server.connections.active", active, LongAdder::sum)
            .description("Connections to the app port with a request in progress")
            .register(registry);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            open.increment();
            openByLoop.computeIfAbsent(channel.eventLoop(), loop -> new LongAdder()).increment();
            channel.closeFuture().addListener(closed);
        }).childObserve(this::onStateChange);
    }

    /** Connections open now on {@code loop}. */
    long openOn(EventExecutor loop) {
        LongAdder count = openByLoop.get(loop);
        return (count == null) ? 0 : count.sum();
    }

    private void onStateChange(Connection connection, ConnectionObserver.State state) {
        if (state == HttpServerState.REQUEST_RECEIVED) {
            if (!Boolean.TRUE.equals(connection.channel().attr(IN_PROGRESS).getAndSet(Boolean.TRUE))) {
                active.increment();
            }
        }
        else if (state == ConnectionObserver.State.DISCONNECTING) {
            // The request's response is complete (or the connection is going): Reactor
            // Netty's "disconnecting" of the request's operations.
            requestEnded(connection.channel());
        }
    }

    private void requestEnded(Channel channel) {
        if (Boolean.TRUE.equals(channel.attr(IN_PROGRESS).getAndSet(Boolean.FALSE))) {
            active.decrement();
        }
    }

}
