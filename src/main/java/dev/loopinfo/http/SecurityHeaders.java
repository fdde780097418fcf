package dev.loopinfo.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AsciiString;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import reactor.netty.NettyPipeline;

/**
 * Adds the security headers every response carries, on both ports: pages load nothing
 * from other origins, are never framed, are never content-sniffed, and leak no referrer.
 * Set in Netty's pipeline, right after the HTTP codec, so that the answers Reactor Netty
 * makes itself before any route runs (400 for a malformed URI, 414, 431) carry them too.
 */
@ChannelHandler.Sharable
final class SecurityHeaders extends ChannelOutboundHandlerAdapter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'";

    private static final SecurityHeaders INSTANCE = new SecurityHeaders();

    // As Netty's own header names are: hashed once, and written as bytes without encoding
    // them again.
    private static final AsciiString CSP_NAME = AsciiString.cached("Content-Security-Policy");

    private static final AsciiString CSP_VALUE = AsciiString.cached(CONTENT_SECURITY_POLICY);

    private static final AsciiString NOSNIFF_NAME = AsciiString.cached("X-Content-Type-Options");

    private static final AsciiString NOSNIFF_VALUE = AsciiString.cached("nosniff");

    private static final AsciiString REFERRER_NAME = AsciiString.cached("Referrer-Policy");

    private static final AsciiString REFERRER_VALUE = AsciiString.cached("no-referrer");

    private SecurityHeaders() {
    }

    /**
     * Puts the handler into every connection's pipeline of the server it customizes, with
     * {@link StrictRequests} after it, so that its refusals carry the headers too.
     */
    static NettyServerCustomizer onEveryResponse() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            channel.pipeline().addAfter(NettyPipeline.HttpCodec, SecurityHeaders.class.getName(), INSTANCE);
            StrictRequests.addTo(channel.pipeline());
        });
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        if (message instanceof HttpResponse response) {
            HttpHeaders headers = response.headers();
            headers.set(CSP_NAME, CSP_VALUE);
            headers.set(NOSNIFF_NAME, NOSNIFF_VALUE);
            headers.set(REFERRER_NAME, REFERRER_VALUE);
        }
        context.write(message, promise);
    }

}
