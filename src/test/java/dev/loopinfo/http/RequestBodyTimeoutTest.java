package dev.loopinfo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * The body timeout runs only while a request's body is on its way, and ends the request
 * and its connection when it passes. (End to end, on both ports, with the 408 page:
 * {@code RequestLimitsTest}.)
 */
class RequestBodyTimeoutTest {

    private final List<Throwable> errors = new ArrayList<>();

    private EmbeddedChannel channel;

    @BeforeEach
    void pipeline() {
        channel = new EmbeddedChannel();
        channel.pipeline().addLast(NettyPipeline.HttpTrafficHandler, new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext context, Throwable error) {
                errors.add(error);
            }
        });
        HttpServer server = RequestBodyTimeout.of(Duration.ofSeconds(30)).apply(HttpServer.create());
        server.configuration().doOnChannelInit().onChannelInit(null, channel, null);
    }

    @Test
    void aRequestWithoutABodyStartsNoTimer() {
        read(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"), LastHttpContent.EMPTY_LAST_CONTENT);

        assertThat(nanosToNextTimer()).as("no timer").isNegative();
        channel.advanceTimeBy(1, TimeUnit.HOURS);
        channel.runScheduledPendingTasks();
        assertThat(errors).isEmpty();
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void aBodyThatArrivesInTimeStopsTheTimer() {
        read(echo());
        assertThat(nanosToNextTimer()).isBetween(Duration.ofSeconds(29).toNanos(), Duration.ofSeconds(30).toNanos());

        read(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[] { 1 })), LastHttpContent.EMPTY_LAST_CONTENT);
        channel.advanceTimeBy(31, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(errors).isEmpty();
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void aBodyThatDoesNotArriveEndsTheRequestAndTheConnection() {
        read(echo());
        read(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[] { 1 })));
        channel.advanceTimeBy(29, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).isTrue();

        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        // No request operations in this bare pipeline: the body's remains are dropped
        // with the connection.
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aPipelinedRequestHandedOnAfterTheAnswersBeforeItIsTimedFromThen() {
        // Reactor Netty hands a held request on from a task of its own, with no read to
        // complete.
        channel.pipeline().fireChannelRead(echo());

        assertThat(nanosToNextTimer()).isBetween(Duration.ofSeconds(29).toNanos(), Duration.ofSeconds(30).toNanos());
    }

    /** The head of a request with a two-byte body. */
    private static HttpRequest echo() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/echo");
        HttpUtil.setContentLength(request, 2);
        return request;
    }

    /** Each message in one read of its own, as the codec hands them on. */
    private void read(Object... messages) {
        for (Object message : messages) {
            channel.pipeline().fireChannelRead(message);
        }
        channel.pipeline().fireChannelReadComplete();
        channel.releaseInbound();
    }

    /** Time to the next scheduled task, or -1 when there is none. */
    private long nanosToNextTimer() {
        return channel.runScheduledPendingTasks();
    }

}
