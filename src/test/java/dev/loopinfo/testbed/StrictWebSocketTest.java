package dev.loopinfo.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import org.junit.jupiter.api.Test;

/**
 * What {@link StrictWebSocket} lets through, and that what it refuses is freed, not only
 * dropped.
 */
class StrictWebSocketTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new StrictWebSocket(1024));

    @Test
    void aFrameWithoutReservedBitsPassesUntouched() {
        TextWebSocketFrame frame = new TextWebSocketFrame("hello");
        channel.writeInbound(frame);

        assertThat((Object) channel.readInbound()).isSameAs(frame);
        assertThat(frame.refCnt()).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
        frame.release();
    }

    @Test
    void bytesLeftFromTheHandshakeAreFreedAndTheSocketClosedWithProtocolError() {
        ByteBuf early = Unpooled.copiedBuffer("early", StandardCharsets.US_ASCII);
        channel.writeInbound(early);

        assertThat(early.refCnt()).isZero();
        assertThat((Object) channel.readInbound()).isNull();
        assertClosedWith("Data was sent before the handshake was answered");
    }

    @Test
    void aFrameWithReservedBitsIsFreedAndTheSocketClosedWithProtocolError() {
        TextWebSocketFrame frame = new TextWebSocketFrame(true, 0b100,
                Unpooled.copiedBuffer("x", StandardCharsets.UTF_8));
        channel.writeInbound(frame);

        assertThat(frame.refCnt()).isZero();
        assertThat((Object) channel.readInbound()).isNull();
        assertClosedWith("Reserved bits are set but no extension was agreed");
    }

    @Test
    void whatArrivesAfterTheFaultIsFreedAndNotPassedOn() {
        TextWebSocketFrame later = new TextWebSocketFrame("later");
        // In one read, as it happens before the connection is closed.
        channel.writeInbound(Unpooled.copiedBuffer("early", StandardCharsets.US_ASCII), later);

        assertThat(later.refCnt()).isZero();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.outboundMessages()).hasSize(1);
    }

    @Test
    void aMessageOverTheLimitInFragmentsIsFreedAndTheSocketClosedAsTooBig() {
        EmbeddedChannel socket = new EmbeddedChannel(new StrictWebSocket.MessageSize(1024), new StrictWebSocket(1024));
        BinaryWebSocketFrame first = new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[600]));
        ContinuationWebSocketFrame last = new ContinuationWebSocketFrame(true, 0,
                Unpooled.wrappedBuffer(new byte[600]));
        socket.writeInbound(first, last);

        assertThat((Object) socket.readInbound()).isSameAs(first);
        assertThat(last.refCnt()).isZero();
        CloseWebSocketFrame close = socket.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1009);
        assertThat(close.reasonText()).isEqualTo("A message over 1024 bytes");
        close.release();
        first.release();
        assertThat(socket.isOpen()).isFalse();
    }

    private void assertClosedWith(String reason) {
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1002);
        assertThat(close.reasonText()).isEqualTo(reason);
        close.release();
        assertThat(channel.isOpen()).isFalse();
    }

}
