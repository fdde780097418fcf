package dev.loopinfo.http;

import java.util.Iterator;
import java.util.regex.Pattern;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import reactor.netty.NettyPipeline;

/**
 * Refuses, before any route runs, requests that RFC 9112 says a server must reject, as
 * proxies in front may read them differently (request smuggling): an HTTP/1.1 request
 * without exactly one {@code Host} header, a {@code Host} that is not a host and port,
 * and any version but {@code HTTP/1.0} and {@code HTTP/1.1} as written (Netty's own
 * constants: a lowercase {@code http/1.1} is another version to Netty). 400 (505 for
 * another major version), and the connection is closed, since what follows on it cannot
 * be trusted. A pipelined request is refused in its turn, after the answers to the
 * requests before it (RFC 9112 9.3.2): a client pairs answers with requests by order.
 */
@ChannelHandler.Sharable
final class StrictRequests extends ChannelInboundHandlerAdapter {

    static final StrictRequests INSTANCE = new StrictRequests();

    /**
     * RFC 3986's reg-name or IPv4 address, or an IP literal in brackets, with an optional
     * port.
     */
    private static final Pattern HOST = Pattern
        .compile("(?:[A-Za-z0-9._~!$&'()*+,;=%-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{0,5})?");

    private StrictRequests() {
    }

    /**
     * Puts the check after Reactor Netty's {@code HttpTrafficHandler}, which holds each
     * pipelined request until the answers before it have ended. Reactor Netty refuses
     * {@code HTTP/2.0} itself the moment it reads it, ahead of those answers: such a
     * request passes it as {@link Http2AsText} and is refused here in its turn.
     */
    static void addTo(ChannelPipeline pipeline) {
        pipeline.addBefore(NettyPipeline.HttpTrafficHandler, Http2AsText.class.getName(), Http2AsText.INSTANCE)
            .addAfter(NettyPipeline.HttpTrafficHandler, StrictRequests.class.getName(), INSTANCE);
    }

    /**
     * Set on a connection once a request on it was refused: whatever else it sends is
     * dropped.
     */
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf(StrictRequests.class, "refused");

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (context.channel().hasAttr(REFUSED)) {
            // The body of a refused request, or what was pipelined after it
            ReferenceCountUtil.release(message);
            return;
        }
        // A request the codec could not read (too long a line or headers) is Reactor
        // Netty's to refuse: 414, 431.
        if (message instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            HttpResponseStatus refusal = refusal(request);
            if (refusal != null) {
                context.channel().attr(REFUSED).set(Boolean.TRUE);
                context.channel().config().setAutoRead(false);
                ReferenceCountUtil.release(message);
                FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal);
                answer.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                answer.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                context.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        context.fireChannelRead(message);
    }

    private static HttpResponseStatus refusal(HttpRequest request) {
        if (request instanceof Http2AsText.Request) {
            return HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED;
        }
        HttpVersion version = request.protocolVersion();
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            return version.majorVersion() != 1 && version.protocolName().equals("HTTP")
                    ? HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED : HttpResponseStatus.BAD_REQUEST;
        }
        // Walked rather than listed: this runs on every request.
        Iterator<String> hosts = request.headers().valueStringIterator(HttpHeaderNames.HOST);
        if (!hosts.hasNext()) {
            return (version == HttpVersion.HTTP_1_1) ? HttpResponseStatus.BAD_REQUEST : null;
        }
        String host = hosts.next();
        return (hosts.hasNext() || !HOST.matcher(host).matches()) ? HttpResponseStatus.BAD_REQUEST : null;
    }

    /**
     * Passes an {@code HTTP/2.0} request written as text on as HTTP/1.1, marked, for
     * {@link StrictRequests} to refuse.
     */
    @ChannelHandler.Sharable
    static final class Http2AsText extends ChannelInboundHandlerAdapter {

        static final Http2AsText INSTANCE = new Http2AsText();

        private static final HttpVersion HTTP_2 = HttpVersion.valueOf("HTTP/2.0");

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            context.fireChannelRead((message instanceof HttpRequest request && !(message instanceof FullHttpRequest)
                    && HTTP_2.equals(request.protocolVersion())) ? new Request(request) : message);
        }

        /** The request, as HTTP/1.1. */
        static final class Request extends DefaultHttpRequest {

            Request(HttpRequest request) {
                super(HttpVersion.HTTP_1_1, request.method(), request.uri(), request.headers());
                setDecoderResult(request.decoderResult());
            }

        }

    }

}
