package dev.loopinfo.web;

import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.samskivert.mustache.Template;

import org.springframework.boot.mustache.reactive.view.MustacheView;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * A Mustache page rendered from a template compiled once and kept. Boot's reactive {@link MustacheView} reads
 * and compiles the template file on every render, which is blocking I/O on the event loop.
 */
class PageView extends MustacheView {

    private final Function<String, @Nullable Template> templates;

    /** A view over compiled templates by name; a name with no template is a view that does not exist. */
    PageView(Function<String, @Nullable Template> templates) {
        this.templates = templates;
    }

    @Override
    public boolean checkResourceExists(Locale locale) {
        return getUrl() != null && templates.apply(getUrl()) != null;
    }

    @Override
    protected Mono<Void> renderInternal(Map<String, Object> model, @Nullable MediaType contentType,
            ServerWebExchange exchange) {
        Charset charset = (contentType != null && contentType.getCharset() != null) ? contentType.getCharset()
                : StandardCharsets.UTF_8;
        DataBuffer page = exchange.getResponse().bufferFactory().allocateBuffer(4096);
        try {
            templates.apply(getUrl()).execute(model, new PageWriter(page, charset));
        }
        catch (Exception ex) {
            DataBufferUtils.release(page);
            return Mono.error(ex);
        }
        return exchange.getResponse().writeWith(Mono.just(page));
    }

    /**
     * Writes the template's text straight into the response buffer, which encodes it (Netty's buffers without
     * a copy). An {@code OutputStreamWriter} would allocate an 8 KiB encoding buffer for every page rendered.
     */
    static final class PageWriter extends Writer {

        private final DataBuffer page;

        private final Charset charset;

        PageWriter(DataBuffer page, Charset charset) {
            this.page = page;
            this.charset = charset;
        }

        @Override
        public void write(String text) {
            page.write(text, charset);
        }

        @Override
        public void write(String text, int offset, int length) {
            page.write(text.subSequence(offset, offset + length), charset);
        }

        @Override
        public void write(char[] text, int offset, int length) {
            page.write(CharBuffer.wrap(text, offset, length), charset);
        }

        @Override
        public void write(int character) {
            page.write(String.valueOf((char) character), charset);
        }

        @Override
        public PageWriter append(CharSequence text) {
            page.write(text, charset);
            return this;
        }

        @Override
        public PageWriter append(CharSequence text, int start, int end) {
            page.write(text.subSequence(start, end), charset);
            return this;
        }

        @Override
        public PageWriter append(char character) {
            write(character);
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
