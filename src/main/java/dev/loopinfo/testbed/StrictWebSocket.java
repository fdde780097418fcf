package dev.loopinfo.testbed;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import reactor.netty.NettyPipeline;

/**
 * Holds a WebSocket to the rules of RFC 6455 that Netty, as Reactor Netty sets it up,
 * does not enforce, closing it with the status the RFC gives: data sent before the
 * handshake was answered (4.1) and reserved bits set with no extension agreed (5.2) close
 * with 1002, as does a close frame with a code no endpoint may send (7.4) — Netty's frame
 * decoder would drop the connection without a close frame; a text message that is not
 * UTF-8 closes with 1007 (8.1); a message over the limit closes with 1009 whether it came
 * in one frame or in fragments. None of these is logged above DEBUG: each is the client's
 * fault. The early data is also a leak to stop: the HTTP codec holds it when the upgrade
 * removes the codec, and hands it on as raw bytes nothing after it frees.
 */
@ChannelHandler.Sharable
final class StrictWebSocket extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(StrictWebSocket.class);

    /** Set once the connection was failed: whatever else arrives on it is dropped. */
    private static final AttributeKey<Boolean> FAILED = AttributeKey.valueOf(StrictWebSocket.class, "failed");

    /** The frame decoder the handshake puts in, by Netty's name for it. */
    private static final String DECODER = "wsdecoder";

    /**
     * Close codes from here up are defined by no one (RFC 6455 7.4.2); Netty lets them
     * through.
     */
    private static final int FIRST_UNDEFINED_CLOSE_CODE = 5000;

    private final int maxMessage;

    StrictWebSocket(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    /**
     * Right after the HTTP codec, where its leftover bytes and, once it is gone, the
     * decoded frames arrive.
     */
    static NettyServerCustomizer onEveryConnection(int maxMessage) {
        StrictWebSocket strict = new StrictWebSocket(maxMessage);
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
            .addAfter(NettyPipeline.HttpCodec, StrictWebSocket.class.getName(), strict));
    }

    /**
     * The handshake's answer: the frame decoder is in place and has read nothing yet. It
     * is replaced by one that leaves a violation to be answered here, followed by the
     * UTF-8 and message-size checks.
     */
    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        if (message instanceof HttpResponse response
                && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()
                && context.pipeline().get(DECODER) != null) {
            ChannelPipeline pipeline = context.pipeline();
            pipeline.replace(DECODER, DECODER,
                    new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxMessage)
                        .allowExtensions(true)
                        .closeOnProtocolViolation(false)
                        .build()));
            pipeline.addAfter(DECODER, Utf8FrameValidator.class.getName(), new Utf8FrameValidator(false));
            pipeline.addAfter(Utf8FrameValidator.class.getName(), MessageSize.class.getName(),
                    new MessageSize(maxMessage));
        }
        context.write(message, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        String fault = fault(message);
        if (fault == null && !context.channel().hasAttr(FAILED)) {
            context.fireChannelRead(message);
            return;
        }
        ReferenceCountUtil.release(message);
        if (fault != null) {
            fail(context, WebSocketCloseStatus.PROTOCOL_ERROR, fault);
        }
    }

    /**
     * A frame the decoder refused, a text that is not UTF-8, or a message too big: the
     * client's fault.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable error) {
        if (error instanceof CorruptedWebSocketFrameException refused) {
            log.debug("WebSocket failed: {}", refused.getMessage());
            fail(context, refused.closeStatus(), refused.getMessage());
            return;
        }
        context.fireExceptionCaught(error);
    }

    private static void fail(ChannelHandlerContext context, WebSocketCloseStatus status, String reason) {
        if (context.channel().hasAttr(FAILED)) {
            return;
        }
        context.channel().attr(FAILED).set(Boolean.TRUE);
        context.channel().config().setAutoRead(false);
        context.writeAndFlush(new CloseWebSocketFrame(status.code(), (reason != null) ? reason : status.reasonText()))
            .addListener(ChannelFutureListener.CLOSE);
    }

    private static String fault(Object message) {
        if (message instanceof ByteBuf) {
            return "Data was sent before the handshake was answered";
        }
        if (message instanceof WebSocketFrame frame && frame.rsv() != 0) {
            return "Reserved bits are set but no extension was agreed";
        }
        if (message instanceof CloseWebSocketFrame close && close.statusCode() >= FIRST_UNDEFINED_CLOSE_CODE) {
            return "Close code " + close.statusCode() + " is not defined";
        }
        return null;
    }

    /**
     * Refuses a message over the limit however it is fragmented: Netty's decoder bounds
     * each frame alone.
     */
    static final class MessageSize extends ChannelInboundHandlerAdapter {

        private final int max;

        /** The bytes so far of the message whose frames are arriving. */
        private long size;

        MessageSize(int max) {
            this.max = max;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof TextWebSocketFrame || message instanceof BinaryWebSocketFrame
                    || message instanceof ContinuationWebSocketFrame) {
                size = ((message instanceof ContinuationWebSocketFrame) ? size : 0)
                        + ((WebSocketFrame) message).content().readableBytes();
                if (size > max) {
                    ReferenceCountUtil.release(message);
                    context.fireExceptionCaught(new CorruptedWebSocketFrameException(
                            WebSocketCloseStatus.MESSAGE_TOO_BIG, "A message over " + max + " bytes"));
                    return;
                }
            }
            context.fireChannelRead(message);
        }

    }

}
