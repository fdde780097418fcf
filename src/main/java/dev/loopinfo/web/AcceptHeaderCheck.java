package dev.loopinfo.web;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Refuses, with 400, an {@code Accept} header that cannot be read: one that does not parse, or that lists more
 * media types than Spring will sort (50). Left through, Spring's static-resource handler fails on the latter with
 * a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AcceptHeaderCheck implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> accept = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.ACCEPT);
        if (!accept.isEmpty()) {
            try {
                MimeTypeUtils.sortBySpecificity(MediaType.parseMediaTypes(accept));
            }
            catch (IllegalArgumentException unreadable) {
                return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "The Accept header is not valid: it must list at most 50 media types, such as text/html."));
            }
        }
        return chain.filter(exchange);
    }
}
