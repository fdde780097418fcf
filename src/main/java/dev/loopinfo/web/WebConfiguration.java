package dev.loopinfo.web;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Wires pages (records rendered by templates compiled at build time), the static files
 * and the error pages.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
class WebConfiguration {

    /**
     * Page records ({@code @JStache}) are written as HTML by their templates, compiled at
     * build time.
     */
    @Bean
    CodecCustomizer pageEncoder() {
        return codecs -> codecs.customCodecs().register(new PageEncoder());
    }

    @Bean
    StaticFiles staticFiles(ResourcePatternResolver resources) {
        return StaticFiles.of(resources);
    }

    /**
     * The static files by exact path, with the headers a browser revalidates them by
     * ({@link StaticFiles#headers}); Boot's own resource handler for {@code /**} is off
     * ({@code spring.web.resources.add-mappings: false}).
     */
    @Bean
    RouterFunction<ServerResponse> staticFileRouter(StaticFiles files) {
        return RouterFunctions.resources(files::lookup, files::headers);
    }

    /**
     * Ordered before WebFlux's own status handler, as Boot orders the handler it
     * replaces.
     */
    @Bean
    @Order(-1)
    ErrorPages errorPages(ErrorAttributes errorAttributes, WebProperties webProperties, ServerCodecConfigurer codecs,
            ApplicationContext context) {
        ErrorPages errorPages = new ErrorPages(errorAttributes, webProperties, context);
        errorPages.setMessageWriters(codecs.getWriters());
        errorPages.setMessageReaders(codecs.getReaders());
        return errorPages;
    }

}
