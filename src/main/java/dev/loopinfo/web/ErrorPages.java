package dev.loopinfo.web;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webflux.autoconfigure.error.DefaultErrorWebExceptionHandler;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.DisconnectedClientHelper;

import dev.loopinfo.http.ClientFault;
import dev.loopinfo.http.MalformedBody;
import dev.loopinfo.http.RequestBodyTimeout;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Renders every error as a page in the site's look ({@link ErrorPage}) or as problem
 * details, negotiated like the pages themselves; a 404 has its own page
 * ({@link NotFoundPage}). Boot's handler, with these changes: plain curl gets HTML as it
 * does for pages, a 4xx reason (such as the name rule) is shown to the client, headers an
 * error carries (such as {@code Allow} on a 405) reach the response, a request body that
 * does not arrive in time is a 408, and a client that leaves mid-request is no server
 * error. A client's fault found after the answer started (a body cut short, or over a
 * limit as it streams) has no status left to send: the connection is closed, so that the
 * client cannot take the answer for whole, with one DEBUG line.
 */
class ErrorPages extends DefaultErrorWebExceptionHandler {

    ErrorPages(ErrorAttributes errorAttributes, WebProperties webProperties, ApplicationContext applicationContext) {
        super(errorAttributes, webProperties.getResources(), webProperties.getError(), applicationContext);
    }

    /**
     * Nginx's "client closed request": the client left before its request arrived whole.
     */
    private static final HttpStatusCode CLIENT_CLOSED_REQUEST = HttpStatusCode.valueOf(499);

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable raised) {
        Throwable error = declared(raised);
        if (exchange.getResponse().isCommitted() && ClientFault.is(error)) {
            log.debug("{} {} cut short after its answer started: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error.toString());
            return Mono.fromRunnable(() -> closeConnection(exchange));
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(error) && !exchange.getResponse().isCommitted()) {
            // Nobody is left to answer, and it is no server error: recorded as 499,
            // logged at DEBUG.
            log.debug("{} {} left by its client before it arrived whole: 499", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath());
            exchange.getResponse().setStatusCode(CLIENT_CLOSED_REQUEST);
            return exchange.getResponse().setComplete();
        }
        if (error instanceof RequestBodyTimeout.Expired) {
            return super.handle(exchange, new ResponseStatusException(HttpStatus.REQUEST_TIMEOUT,
                    "The request body did not arrive in time (loopinfo.http.request-body-timeout)."));
        }
        if (error instanceof MalformedBody.Unreadable) {
            return super.handle(exchange, new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "The request body is not well-formed HTTP/1.1: it could not be read."));
        }
        if (error instanceof ErrorResponse response && !exchange.getResponse().isCommitted()) {
            exchange.getResponse().getHeaders().addAll(response.getHeaders());
        }
        return super.handle(exchange, error);
    }

    /**
     * A domain exception that declares its status ({@code @ResponseStatus} on a name rule
     * broken, say) as the refusal it stands for, its message the reason given to the
     * client: the one place such exceptions meet HTTP.
     */
    private static Throwable declared(Throwable error) {
        if (error instanceof ErrorResponse) {
            // Spring's own refusals (a 404 among them) say their status already: no
            // annotation to look up.
            return error;
        }
        MergedAnnotation<ResponseStatus> declared = MergedAnnotations
            .from(error.getClass(), MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
            .get(ResponseStatus.class);
        return declared.isPresent()
                ? new ResponseStatusException(declared.getEnum("code", HttpStatus.class), error.getMessage(), error)
                : error;
    }

    private static void closeConnection(ServerWebExchange exchange) {
        Object response = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
        if (response instanceof HttpServerResponse netty) {
            netty.withConnection(Connection::dispose);
        }
    }

    /**
     * The error's page in the site's look: its own for a 404, the general one for any
     * other status.
     */
    @Override
    protected Mono<ServerResponse> renderErrorView(ServerRequest request) {
        Map<String, @Nullable Object> attributes = getErrorAttributes(request,
                getErrorAttributeOptions(request, MediaType.TEXT_HTML));
        int status = getHttpStatus(attributes);
        Object page = (status == HttpStatus.NOT_FOUND.value())
                ? new NotFoundPage(String.valueOf(attributes.getOrDefault("path", request.path())))
                : new ErrorPage(status, String.valueOf(attributes.get("error")), (String) attributes.get("message"));
        return Routing.answer(HttpStatusCode.valueOf(status), Routing.HTML, page);
    }

    /**
     * The error as RFC 9457 problem details ({@code application/problem+json}): on the
     * app port fresh and varying by {@code Accept}, as every page is; on the management
     * port always, as Actuator's clients expect JSON.
     */
    @Override
    protected Mono<ServerResponse> renderErrorResponse(ServerRequest request) {
        Map<String, @Nullable Object> attributes = getErrorAttributes(request,
                getErrorAttributeOptions(request, MediaType.ALL));
        HttpStatusCode status = HttpStatusCode.valueOf(getHttpStatus(attributes));
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle((String) attributes.get("error"));
        problem.setDetail((String) attributes.get("message"));
        problem.setInstance(URI.create(request.uri().getRawPath()));
        if (Routing.isManagement(request.exchange())) {
            return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem);
        }
        return Routing.answer(status, MediaType.APPLICATION_PROBLEM_JSON, problem);
    }

    /**
     * HTML unless the client ranks JSON, or problem details, above it; on the management
     * port never.
     */
    @Override
    protected RequestPredicate acceptsTextHtml() {
        return Routing.prefersOverHtml(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
            .negate()
            .and(request -> !Routing.isManagement(request.exchange()));
    }

    @Override
    protected boolean isIncludeMessage(ServerRequest request, MediaType produces) {
        // A refusal's reason (a 4xx, or a 503 for a limit reached) is written for the
        // client; other messages stay private unless configured otherwise. A 404's reason
        // names framework internals: its page says what happened.
        Throwable error = getError(request);
        return (error instanceof ResponseStatusException rejected
                && (rejected.getStatusCode().is4xxClientError() || rejected.getStatusCode().value() == 503)
                && !(error instanceof NoResourceFoundException)) || super.isIncludeMessage(request, produces);
    }

}
