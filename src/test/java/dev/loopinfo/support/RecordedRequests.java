package dev.loopinfo.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.WebFilter;

/**
 * Every distinct request the suite sends to the app port of any application it starts in
 * this JVM, so that they can be replayed against the OpenAPI document after each test
 * class ({@link AnswersAsDocumented}). Registered for every test context as an
 * auto-configuration of the test class path; it only looks, and never touches the
 * request.
 */
@AutoConfiguration
public class RecordedRequests {

    /**
     * Set on the application that replays recorded requests ({@link DocumentReplay}):
     * nothing of it is recorded.
     */
    public static final String REPLAY_TARGET = "loopinfo-test.replay-target";

    private static final Set<Recorded> RECORDED = ConcurrentHashMap.newKeySet();

    /**
     * A request as the replay needs it: a body is replayed as that many bytes
     * ({@code -1}: none), as no route but {@code /echo} reads one and no document says
     * more of it than its type.
     *
     * @param method the request method
     * @param target the path and query as sent, still percent-encoded
     * @param accept the Accept header's values, joined, or {@code null}
     * @param contentType the Content-Type header, or {@code null}
     * @param contentLength the Content-Length header, or {@code -1}
     */
    public record Recorded(String method, String target, String accept, String contentType, long contentLength) {
    }

    /** What the suite has sent so far, in no particular order. */
    public static List<Recorded> all() {
        return List.copyOf(RECORDED);
    }

    /**
     * First of all filters, so that it sees requests that others refuse; never the
     * management port.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebFilter requestRecorder(Environment environment) {
        boolean replayTarget = environment.getProperty(REPLAY_TARGET, Boolean.class, false);
        return (exchange, chain) -> {
            if (!replayTarget && !WebServerApplicationContext.hasServerNamespace(exchange.getApplicationContext(),
                    "management")) {
                RECORDED.add(recorded(exchange.getRequest()));
            }
            return chain.filter(exchange);
        };
    }

    private static Recorded recorded(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        String query = request.getURI().getRawQuery();
        String target = request.getURI().getRawPath() + ((query != null) ? "?" + query : "");
        List<String> accept = headers.get(HttpHeaders.ACCEPT);
        return new Recorded(request.getMethod().name(), target, (accept != null) ? String.join(", ", accept) : null,
                headers.getFirst(HttpHeaders.CONTENT_TYPE), headers.getContentLength());
    }

}
