package dev.loopinfo.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;

/**
 * Cuts off a request whose body has not all arrived {@code loopinfo.http.request-body-timeout} after its headers:
 * the request fails with {@link Expired} (answered 408 when nothing was sent yet) and the connection closes.
 * Reactor Netty's own {@code requestTimeout} does the same, but its timer holds the whole request and response
 * (~2 KB) in memory for the full timeout, even after they are done; this one holds nothing of them, and is
 * started only when a read ends with the body still on its way (never for a request without one).
 */
final class RequestBodyTimeout extends ChannelInboundHandlerAdapter implements Runnable {

    private final long timeoutNanos;

    private ChannelHandlerContext context;

    /** Headers read, the body's end not yet. */
    private boolean receiving;

    private ScheduledFuture<?> timer;

    private RequestBodyTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Puts a timeout into every connection's pipeline of the server it customizes, before Reactor Netty's. */
    static NettyServerCustomizer of(Duration timeout) {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
            .addBefore(NettyPipeline.HttpTrafficHandler, RequestBodyTimeout.class.getName(),
                    new RequestBodyTimeout(timeout)));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.context = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpRequest) {
            receiving = true;
        }
        if (message instanceof LastHttpContent) {
            receiving = false;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
        context.fireChannelRead(message);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        if (receiving && timer == null) {
            timer = context.executor().schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        context.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        context.fireChannelInactive();
    }

    /** The timeout, on the connection's event loop. */
    @Override
    public void run() {
        timer = null;
        if (!context.channel().isActive()) {
            return;
        }
        // While the request is being handled, its handler learns why its body ended (and answers 408); once it is
        // answered, only the body's remains are left to drop, with the connection.
        if (ChannelOperations.get(context.channel()) != null) {
            context.fireExceptionCaught(new Expired());
        }
        context.close();
    }

    /** A request body that did not arrive within {@code loopinfo.http.request-body-timeout}. */
    static final class Expired extends ChannelException {

        private static final long serialVersionUID = 1L;

        Expired() {
            super("The request body did not arrive in time");
        }

        /** Always the same place, our own timer: no stack trace to take. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
