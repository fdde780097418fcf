package dev.loopinfo.testbed;

import java.util.Locale;
import java.util.Set;
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
 * What {@code /echo} sends back: the request's body as it arrives, never more than
 * {@code max-echo-size}, with a content type that no browser will run.
 */
final class Echo {

    private Echo() {
    }

    /**
     * Types no browser runs, sent back as they came (with their parameters): everything
     * else could be active content in some browser or plugin (HTML, SVG, XML, scripts,
     * {@code text/x-component}, {@code multipart/x-mixed-replace}, PDF, …), so echo can
     * never be a reflected cross-site script.
     */
    static final Set<String> INERT = Set.of("text/plain", "text/csv", "application/json", "application/x-ndjson",
            "application/x-www-form-urlencoded", "application/octet-stream", "application/cbor", "application/protobuf",
            "application/x-protobuf", "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif");

    /**
     * The request's content type when it is {@link #INERT}; otherwise {@code text/plain}
     * for any other text (with its charset) and {@code application/octet-stream} for
     * anything else, or no type at all.
     */
    static MediaType contentType(ServerRequest request) {
        MediaType type;
        try {
            type = request.headers().contentType().orElse(MediaType.APPLICATION_OCTET_STREAM);
        }
        catch (InvalidMediaTypeException unreadable) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        if (INERT.contains((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT))) {
            return type;
        }
        if (type.getType().equalsIgnoreCase("text")) {
            return (type.getCharset() != null) ? new MediaType(MediaType.TEXT_PLAIN, type.getCharset())
                    : MediaType.TEXT_PLAIN;
        }
        return MediaType.APPLICATION_OCTET_STREAM;
    }

    /**
     * The body, buffer by buffer as it arrives. Over {@code max} bytes: refused before
     * anything is sent when the request says its length, otherwise the answer is cut off
     * there with an error (it has already started).
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
