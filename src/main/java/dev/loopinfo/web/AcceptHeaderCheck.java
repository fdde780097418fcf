package dev.loopinfo.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Refuses, with 400, an {@code Accept} header that cannot be read: one that does not
 * parse, or that lists more media types than Spring will sort (50). Left through, such a
 * header would silently count as "anything", and the client would get HTML whatever it
 * meant to ask for. The header is read here once for the whole request
 * ({@link Routing#accepted}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AcceptHeaderCheck implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        try {
            Routing.accepted(exchange);
        }
        catch (NotAcceptableStatusException | IllegalArgumentException unreadable) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "The Accept header is not valid: it must list at most 50 media types, such as text/html."));
        }
        return chain.filter(exchange);
    }

}
