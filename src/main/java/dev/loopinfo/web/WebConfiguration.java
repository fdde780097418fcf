package dev.loopinfo.web;

import com.samskivert.mustache.Mustache;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mustache.autoconfigure.MustacheProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;

/**
 * Wires page rendering from templates held in memory, the static files, the site-wide error pages and the security
 * headers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
class WebConfiguration {

    /** Also the loader of Boot's Mustache compiler, so partials come from memory too. */
    @Bean
    TemplateSources templateSources(ApplicationContext resources, MustacheProperties mustache) {
        return new TemplateSources(resources, mustache.getPrefix(), mustache.getSuffix(), mustache.getCharset());
    }

    @Bean
    PageViewResolver pageViewResolver(Mustache.Compiler compiler, TemplateSources sources,
            MustacheProperties mustache) {
        PageViewResolver resolver = new PageViewResolver(compiler, sources);
        resolver.setCharset(mustache.getCharsetName());
        resolver.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return resolver;
    }

    @Bean
    NettyServerCustomizer securityHeaders() {
        return SecurityHeaders.onEveryResponse();
    }

    /** Bounds the time to receive a request body, and the connections held, on the app port. */
    @Bean
    NettyServerCustomizer httpLimits(HttpProperties limits) {
        int maxConnections = ConnectionLimit.of(limits.maxConnections());
        return server -> server.requestTimeout(limits.requestBodyTimeout()).maxConnections(maxConnections);
    }

    @Bean
    StaticFiles staticFiles(ResourcePatternResolver resources) {
        return StaticFiles.of(resources);
    }

    /**
     * The static files by exact path, with {@code Last-Modified} so that browsers revalidate them; Boot's own
     * resource handler for {@code /**} is off ({@code spring.web.resources.add-mappings: false}).
     */
    @Bean
    RouterFunction<ServerResponse> staticFileRouter(StaticFiles files) {
        return RouterFunctions.resources(files::lookup, files::headers);
    }

    /** Ordered before WebFlux's own status handler, as Boot orders the handler it replaces. */
    @Bean
    @Order(-1)
    ErrorPages errorPages(ErrorAttributes errorAttributes, WebProperties webProperties,
            ObjectProvider<ViewResolver> viewResolvers, ServerCodecConfigurer codecs, ApplicationContext context) {
        ErrorPages errorPages = new ErrorPages(errorAttributes, webProperties, context);
        errorPages.setViewResolvers(viewResolvers.orderedStream().toList());
        errorPages.setMessageWriters(codecs.getWriters());
        errorPages.setMessageReaders(codecs.getReaders());
        return errorPages;
    }
}
