package dev.loopinfo.testbed;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import reactor.netty.NettyPipeline;

/**
 * Fails a WebSocket, as RFC 6455 says a server must, on two faults that Netty lets through: data sent before the
 * handshake was answered (4.1: a client must wait for the answer) and a frame with reserved bits set when no
 * extension gave them a meaning (5.2). Closes with 1002, protocol error. The early data is also a leak to stop: the
 * HTTP codec holds it when the upgrade removes the codec, and hands it on as raw bytes nothing after it frees.
 */
@ChannelHandler.Sharable
final class StrictWebSocket extends ChannelInboundHandlerAdapter {

    static final StrictWebSocket INSTANCE = new StrictWebSocket();

    /** Set once the connection was failed: whatever else arrives on it is dropped. */
    private static final AttributeKey<Boolean> FAILED = AttributeKey.valueOf(StrictWebSocket.class, "failed");

    private StrictWebSocket() {
    }

    /** Right after the HTTP codec, where its leftover bytes and, once it is gone, the decoded frames arrive. */
    static NettyServerCustomizer onEveryConnection() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
            .addAfter(NettyPipeline.HttpCodec, StrictWebSocket.class.getName(), INSTANCE));
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        String fault = fault(message);
        if (fault == null && !context.channel().hasAttr(FAILED)) {
            context.fireChannelRead(message);
            return;
        }
        ReferenceCountUtil.release(message);
        if (fault != null && !context.channel().hasAttr(FAILED)) {
            context.channel().attr(FAILED).set(Boolean.TRUE);
            context.channel().config().setAutoRead(false);
            context.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR, fault))
                .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String fault(Object message) {
        if (message instanceof ByteBuf) {
            return "Data was sent before the handshake was answered";
        }
        if (message instanceof WebSocketFrame frame && frame.rsv() != 0) {
            return "Reserved bits are set but no extension was agreed";
        }
        return null;
    }
}
