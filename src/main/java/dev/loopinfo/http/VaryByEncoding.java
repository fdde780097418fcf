package dev.loopinfo.http;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.web.server.Compression;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import reactor.netty.NettyPipeline;

/**
 * Adds {@code Vary: Accept-Encoding} to every answer of a type that
 * {@code server.compression} compresses: one URL then comes gzipped or plain by the
 * request's {@code Accept-Encoding}, and a shared cache must keep the two apart (RFC 9110
 * §12.5.5). Netty's compressor does not say so itself. A 304 says it too, as its 200 did.
 */
@ChannelHandler.Sharable
final class VaryByEncoding extends ChannelOutboundHandlerAdapter {

    /**
     * More types than loopinfo writes: an answer of any other type is looked at each
     * time.
     */
    private static final int MOST_KEPT = 64;

    private final List<MimeType> compressed;

    /**
     * Whether each type, as written in an answer's Content-Type, is compressed: parsed
     * once, not per answer.
     */
    private final Map<String, Boolean> byType = new ConcurrentHashMap<>();

    private VaryByEncoding(List<MimeType> compressed) {
        this.compressed = compressed;
    }

    /**
     * Puts the handler into every connection's pipeline of the server it customizes, when
     * compression is on.
     */
    static NettyServerCustomizer of(Compression compression) {
        if (!compression.getEnabled()) {
            return server -> server;
        }
        VaryByEncoding handler = new VaryByEncoding(
                Arrays.stream(compression.getMimeTypes()).map(MimeTypeUtils::parseMimeType).toList());
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
            .addAfter(NettyPipeline.HttpCodec, VaryByEncoding.class.getName(), handler));
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        if (message instanceof HttpResponse response && varies(response)) {
            response.headers().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        context.write(message, promise);
    }

    /**
     * An answer of a compressible type, as Boot's compression predicate reads it (the
     * answer's own type, which loopinfo always writes valid). And a 304, which carries no
     * type but must say what its 200 would have (RFC 9110 15.4.5): loopinfo's 304s are
     * its static files', and where the 200 said nothing (the icon) the cache only keys
     * the kept file by encoding too.
     */
    private boolean varies(HttpResponse response) {
        if (response.status().equals(HttpResponseStatus.NOT_MODIFIED)) {
            return true;
        }
        String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        Boolean compressible = byType.get(type);
        if (compressible == null) {
            MimeType parsed = MimeTypeUtils.parseMimeType(type);
            compressible = compressed.stream().anyMatch(candidate -> candidate.isCompatibleWith(parsed));
            if (byType.size() < MOST_KEPT) {
                byType.put(type, compressible);
            }
        }
        return compressible;
    }

}
