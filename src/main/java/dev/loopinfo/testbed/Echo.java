package dev.loopinfo.testbed;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ResponseStatusException;

import reactor.core.publisher.Flux;

/**
 * What {@code /echo} sends back: the request's body as it arrives, never more than {@code max-echo-size}, with a
 * content type that no browser will run.
 */
final class Echo {

    private Echo() {
    }

    /**
     * The request's content type, but {@code text/plain} for the types a browser renders as active content (HTML,
     * SVG, any XML or JavaScript), so that echo can never be a reflected cross-site script.
     */
    static MediaType contentType(ServerRequest request) {
        MediaType type;
        try {
            type = request.headers().contentType().orElse(MediaType.APPLICATION_OCTET_STREAM);
        }
        catch (InvalidMediaTypeException unreadable) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        return isActive(type) ? MediaType.TEXT_PLAIN : type;
    }

    static boolean isActive(MediaType type) {
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        return type.isWildcardType() || type.isWildcardSubtype()
                || subtype.equals("html") || subtype.contains("xml") || subtype.contains("svg")
                || subtype.contains("javascript") || subtype.contains("ecmascript") || subtype.equals("jscript")
                || subtype.equals("xsl") || subtype.equals("xslt");
    }

    /**
     * The body, buffer by buffer as it arrives. Over {@code max} bytes: refused before anything is sent when the
     * request says its length, otherwise the answer is cut off there with an error (it has already started).
     */
    static Flux<DataBuffer> body(ServerRequest request, long max) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > max) {
            throw tooLarge(max);
        }
        AtomicLong seen = new AtomicLong();
        return request.bodyToFlux(DataBuffer.class).handle((buffer, sink) -> {
            if (seen.addAndGet(buffer.readableByteCount()) > max) {
                DataBufferUtils.release(buffer);
                sink.error(tooLarge(max));
            }
            else {
                sink.next(buffer);
            }
        });
    }

    private static ResponseStatusException tooLarge(long max) {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                "The body must be at most " + max + " bytes (loopinfo.testbed.max-echo-size).");
    }
}
