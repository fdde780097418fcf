package dev.loopinfo.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.jstach.jstachio.Output;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.AbstractEncoder;
import org.springframework.core.codec.EncodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.util.MimeType;

import reactor.core.publisher.Flux;

/**
 * Writes a {@link Page} as HTML straight into the response's buffer: the template's text
 * as the UTF-8 bytes compiled into it, each value HTML-escaped and encoded in place. No
 * string of the page is built.
 */
final class PageEncoder extends AbstractEncoder<Object> {

    /** Pages are a few KiB: one allocation fits most. */
    private static final int INITIAL_CAPACITY = 4096;

    PageEncoder() {
        super(MediaType.TEXT_HTML);
    }

    @Override
    public boolean canEncode(ResolvableType type, @Nullable MimeType mimeType) {
        return super.canEncode(type, mimeType)
                && (mimeType == null || mimeType.getCharset() == null
                        || mimeType.getCharset().equals(StandardCharsets.UTF_8))
                && Page.class.isAssignableFrom(type.toClass());
    }

    @Override
    public Flux<DataBuffer> encode(Publisher<?> pages, DataBufferFactory buffers, ResolvableType type,
            @Nullable MimeType mimeType, @Nullable Map<String, Object> hints) {
        return Flux.from(pages).map(page -> encodeValue(page, buffers, type, mimeType, hints));
    }

    @Override
    public DataBuffer encodeValue(Object page, DataBufferFactory buffers, ResolvableType type,
            @Nullable MimeType mimeType, @Nullable Map<String, Object> hints) {
        if (!(page instanceof Page html)) {
            throw new EncodingException("Not a page: " + page.getClass().getName());
        }
        DataBuffer buffer = buffers.allocateBuffer(INITIAL_CAPACITY);
        try {
            html.writeTo(new BufferOutput(buffer));
            return buffer;
        }
        catch (RuntimeException ex) {
            DataBufferUtils.release(buffer);
            throw ex;
        }
    }

    static byte[] bytes(Page page) {
        DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.allocateBuffer(INITIAL_CAPACITY);
        page.writeTo(new BufferOutput(buffer));
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        return bytes;
    }

    /**
     * JStachio's output over a {@link DataBuffer}, which grows as needed and encodes text
     * in place.
     */
    record BufferOutput(DataBuffer buffer) implements Output.EncodedOutput<RuntimeException> {

        @Override
        public void write(byte[] bytes) {
            buffer.write(bytes);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            buffer.write(bytes, offset, length);
        }

        @Override
        public void append(CharSequence text) {
            buffer.write(text, StandardCharsets.UTF_8);
        }

        @Override
        public void append(String text) {
            buffer.write(text, StandardCharsets.UTF_8);
        }

        @Override
        public void append(CharSequence text, int start, int end) {
            buffer.write(text.subSequence(start, end), StandardCharsets.UTF_8);
        }

        @Override
        public void append(char character) {
            if (character < 0x80) {
                buffer.write((byte) character);
            }
            else {
                buffer.write(String.valueOf(character), StandardCharsets.UTF_8);
            }
        }

        @Override
        public Charset charset() {
            return StandardCharsets.UTF_8;
        }
    }

}
