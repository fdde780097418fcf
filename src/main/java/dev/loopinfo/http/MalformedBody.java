package dev.loopinfo.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;

/**
 * A request body the HTTP codec could not read (a chunk size that is not a hex number,
 * say) fails its request with {@link Unreadable}, answered 400 when nothing was sent yet,
 * and the connection closes: nothing after it can be read. Reactor Netty would answer it
 * itself, with a second, unsolicited 400 behind the route's answer, or leave the route's
 * error handling to count a 500 the client never received. The failure passes Reactor
 * Netty's traffic handler as an ordinary last part of the body ({@link Marker}), so it
 * reaches the request it belongs to in its turn, pipelined or not.
 */
public final class MalformedBody {

    private MalformedBody() {
    }

    /**
     * Puts the two halves around Reactor Netty's traffic handler in every connection of
     * the server it customizes.
     */
    static NettyServerCustomizer onEveryConnection() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
            .addBefore(NettyPipeline.HttpTrafficHandler, Marking.class.getName(), Marking.INSTANCE)
            .addAfter(NettyPipeline.HttpTrafficHandler, Failing.class.getName(), Failing.INSTANCE));
    }

    /** Turns a part of a body the codec failed to read into a {@link Marker}. */
    @ChannelHandler.Sharable
    static final class Marking extends ChannelInboundHandlerAdapter {

        static final Marking INSTANCE = new Marking();

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            // A request whose head could not be read is Reactor Netty's to refuse (400,
            // 414, 431), in its turn.
            if (message instanceof HttpContent part && !(message instanceof HttpRequest)
                    && part.decoderResult().isFailure()) {
                Throwable cause = part.decoderResult().cause();
                ReferenceCountUtil.release(message);
                context.fireChannelRead(new Marker(cause));
                return;
            }
            context.fireChannelRead(message);
        }

    }

    /** Fails the request a {@link Marker} belongs to, and closes the connection. */
    @ChannelHandler.Sharable
    static final class Failing extends ChannelInboundHandlerAdapter {

        static final Failing INSTANCE = new Failing();

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (!(message instanceof Marker marker)) {
                context.fireChannelRead(message);
                return;
            }
            // While the request is being handled, its handler learns why its body ended
            // (and answers 400).
            if (ChannelOperations.get(context.channel()) != null) {
                context.fireExceptionCaught(new Unreadable(marker.cause));
            }
            context.close();
        }

    }

    /**
     * The end of a body that could not be read, as a well-formed last part, so that it
     * keeps its place.
     */
    static final class Marker extends DefaultLastHttpContent {

        final Throwable cause;

        Marker(Throwable cause) {
            super(Unpooled.EMPTY_BUFFER);
            this.cause = cause;
        }

    }

    /** A request body that could not be read as HTTP/1.1. */
    public static final class Unreadable extends ChannelException {

        private static final long serialVersionUID = 1L;

        Unreadable(Throwable cause) {
            super("The request body could not be read: " + cause.getMessage());
        }

        /** Always the same place, the codec: no stack trace to take. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

    }

}
