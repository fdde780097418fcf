package dev.loopinfo.web;

import java.io.OutputStreamWriter;
import java.io.Writer;
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

    private final Function<String, Template> templates;

    private final TemplateSources sources;

    PageView(Function<String, Template> templates, TemplateSources sources) {
        this.templates = templates;
        this.sources = sources;
    }

    @Override
    public boolean checkResourceExists(Locale locale) {
        return getUrl() != null && sources.contains(getUrl());
    }

    @Override
    protected Mono<Void> renderInternal(Map<String, Object> model, @Nullable MediaType contentType,
            ServerWebExchange exchange) {
        Charset charset = (contentType != null && contentType.getCharset() != null) ? contentType.getCharset()
                : StandardCharsets.UTF_8;
        DataBuffer page = exchange.getResponse().bufferFactory().allocateBuffer(4096);
        try (Writer writer = new OutputStreamWriter(page.asOutputStream(), charset)) {
            templates.apply(getUrl()).execute(model, writer);
        }
        catch (Exception ex) {
            DataBufferUtils.release(page);
            return Mono.error(ex);
        }
        return exchange.getResponse().writeWith(Mono.just(page));
    }
}
