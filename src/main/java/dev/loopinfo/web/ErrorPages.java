package dev.loopinfo.web;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webflux.autoconfigure.error.DefaultErrorWebExceptionHandler;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Renders every error as a page in the site's look ({@code templates/error/error.mustache}) or as JSON,
 * negotiated exactly like the pages themselves; a 404 has its own page ({@code error/404.mustache}). Boot's
 * handler, with three changes: plain curl gets HTML as it does for pages, a 4xx reason (such as the name rule)
 * is shown to the client, and headers an error carries (such as {@code Allow} on a 405) reach the response.
 */
class ErrorPages extends DefaultErrorWebExceptionHandler {

    ErrorPages(ErrorAttributes errorAttributes, WebProperties webProperties,
            ApplicationContext applicationContext) {
        super(errorAttributes, webProperties.getResources(), webProperties.getError(), applicationContext);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ErrorResponse response && !exchange.getResponse().isCommitted()) {
            exchange.getResponse().getHeaders().addAll(response.getHeaders());
        }
        return super.handle(exchange, error);
    }

    @Override
    protected RequestPredicate acceptsTextHtml() {
        return Routing.prefersJson().negate();
    }

    @Override
    protected boolean isIncludeMessage(ServerRequest request, MediaType produces) {
        // A 4xx reason is written for the client; other messages stay private unless configured otherwise.
        // A 404's reason names framework internals, so its page says what happened instead.
        Throwable error = getError(request);
        return (error instanceof ResponseStatusException rejected && rejected.getStatusCode().is4xxClientError()
                && !(error instanceof NoResourceFoundException)) || super.isIncludeMessage(request, produces);
    }
}
