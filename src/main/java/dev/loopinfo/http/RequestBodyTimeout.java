package dev.loopinfo.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;

/**
 * Cuts off a request whose body has not all arrived
 * {@code loopinfo.http.request-body-timeout} after its turn came: the request fails with
 * {@link Expired} (answered 408 when nothing was sent yet) and the connection closes. A
 * request's turn comes when it arrives, or, pipelined behind others, when their answers
 * have ended: it sits after Reactor Netty's {@code HttpTrafficHandler}, which holds a
 * pipelined request until then, so an earlier request is never cut off for a later one's
 * body. Reactor Netty's own {@code requestTimeout} does the same, but its timer holds the
 * whole request and response (~2 KB) in memory for the full timeout, even after they are
 * done; this one holds nothing of them, and runs only for a request that has a body.
 */
public final class RequestBodyTimeout extends ChannelInboundHandlerAdapter implements Runnable {

    private final long timeoutNanos;

    private ChannelHandlerContext context;

    private ScheduledFuture<?> timer;

    private RequestBodyTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * Puts a timeout into every connection's pipeline of the server it customizes, after
     * Reactor Netty's traffic handler.
     */
    static NettyServerCustomizer of(Duration timeout) {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
            .addAfter(NettyPipeline.HttpTrafficHandler, RequestBodyTimeout.class.getName(),
                    new RequestBodyTimeout(timeout)));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.context = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpRequest request && !(message instanceof LastHttpContent) && hasBody(request)) {
            timer = context.executor().schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        else if (message instanceof LastHttpContent) {
            cancel();
        }
        context.fireChannelRead(message);
    }

    private static boolean hasBody(HttpRequest request) {
        return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        cancel();
        context.fireChannelInactive();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** The timeout, on the connection's event loop. */
    @Override
    public void run() {
        timer = null;
        if (!context.channel().isActive()) {
            return;
        }
        // While the request is being handled, its handler learns why its body ended (and
        // answers 408); once it is answered, only the body's remains are left to drop,
        // with the connection.
        if (ChannelOperations.get(context.channel()) != null) {
            context.fireExceptionCaught(new Expired());
        }
        context.close();
    }

    /**
     * A request body that did not arrive within
     * {@code loopinfo.http.request-body-timeout}.
     */
    public static final class Expired extends ChannelException {

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
