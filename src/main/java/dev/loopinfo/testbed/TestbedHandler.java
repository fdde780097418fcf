package dev.loopinfo.testbed;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

import dev.loopinfo.web.Routing;
import reactor.core.publisher.Mono;

/**
 * Answers after a wait asked for ({@code /delay/{seconds}}), holding no thread meanwhile,
 * or with a status asked for ({@code /status/{code}}), each counted so that an alert on
 * real errors can leave them out; sends back the request's body ({@code /echo}) or its
 * headers ({@code /headers}).
 */
@Component
class TestbedHandler {

    /**
     * Whole seconds with up to nine decimals: no sign, exponent or spaces, and no number
     * too long to read.
     */
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");

    private static final Pattern CODE = Pattern.compile("\\d{3}");

    private final TestbedProperties settings;

    private final Counter delays;

    private final Counter statuses;

    /**
     * Credentials: always shown as {@code [redacted]}, besides
     * {@code loopinfo.testbed.redacted-headers}.
     */
    static final List<String> CREDENTIALS = List.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
            "X-Api-Key", "X-Auth-Token", "X-Amz-Security-Token", "X-CSRF-Token");

    /** The headers shown as {@code [redacted]}, by {@link #normalised} name. */
    private final Set<String> redacted = new TreeSet<>();

    TestbedHandler(TestbedProperties settings, MeterRegistry registry) {
        this.settings = settings;
        this.delays = answers(registry, "delay");
        this.statuses = answers(registry, "status");
        CREDENTIALS.forEach(header -> redacted.add(normalised(header)));
        settings.redactedHeaders().forEach(header -> redacted.add(normalised(header)));
    }

    /** A header's name as proxies may rewrite it: any case, {@code _} for {@code -}. */
    private static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Counter answers(MeterRegistry registry, String kind) {
        return Counter.builder("loopinfo.testbed.answers")
            .description("Answers the test bed gave as asked: a wait (delay) or a status, 5xx included (status)")
            .tag("kind", kind)
            .register(registry);
    }

    Mono<ServerResponse> delay(ServerRequest request) {
        BigDecimal seconds = seconds(request);
        return waitFor(seconds)
            .then(Routing.ok(Routing.HTML, new TestbedPage("Waited " + seconds.toPlainString() + " s",
                    "Answered after the wait the request asked for, holding no thread meanwhile.")));
    }

    Mono<ServerResponse> delayJson(ServerRequest request) {
        BigDecimal seconds = seconds(request);
        return waitFor(seconds).then(Routing.ok(MediaType.APPLICATION_JSON, new Delay(seconds)));
    }

    /** The JSON answer of {@code /delay/{seconds}}. */
    record Delay(BigDecimal delay) {
    }

    private Mono<Long> waitFor(BigDecimal seconds) {
        Duration wait = Duration.ofNanos(seconds.movePointRight(9).longValueExact());
        return Mono.delay(wait).doOnNext(done -> delays.increment());
    }

    private BigDecimal seconds(ServerRequest request) {
        String raw = request.pathVariable("seconds");
        BigDecimal max = plain(BigDecimal.valueOf(settings.maxDelay().toNanos()).movePointLeft(9));
        BigDecimal seconds = SECONDS.matcher(raw).matches() ? plain(new BigDecimal(raw)) : null;
        if (seconds == null || seconds.compareTo(max) > 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "seconds must be a number from 0 to "
                    + max.toPlainString() + " (loopinfo.testbed.max-delay), such as 1.5.");
        }
        return seconds;
    }

    /**
     * Without trailing zeros, and never in exponent form (which JSON writers would keep):
     * 1.50 → 1.5, 10.0 → 10.
     */
    private static BigDecimal plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
    }

    Mono<ServerResponse> status(ServerRequest request) {
        HttpStatusCode code = code(request);
        String title = title(code);
        return answer(code, Routing.HTML,
                new TestbedPage(title, "Answered " + code.value() + " because the request asked for it."));
    }

    Mono<ServerResponse> statusJson(ServerRequest request) {
        HttpStatusCode code = code(request);
        HttpStatus known = HttpStatus.resolve(code.value());
        return answer(code, MediaType.APPLICATION_JSON,
                new Status(code.value(), (known != null) ? known.getReasonPhrase() : ""));
    }

    /** The JSON answer of {@code /status/{code}}. */
    record Status(int status, String reason) {
    }

    private Mono<ServerResponse> answer(HttpStatusCode code, MediaType type, Object body) {
        statuses.increment();
        if (Statuses.carriesNoBody(code.value())) {
            return ServerResponse.status(code).build();
        }
        return Routing.answer(code, type, body);
    }

    private static HttpStatusCode code(ServerRequest request) {
        String raw = request.pathVariable("code");
        int code = CODE.matcher(raw).matches() ? Integer.parseInt(raw) : 0;
        if (!Statuses.isAnswerable(code)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "code must be an HTTP status from 200 to 599, such as 503.");
        }
        return HttpStatusCode.valueOf(code);
    }

    private static String title(HttpStatusCode code) {
        HttpStatus known = HttpStatus.resolve(code.value());
        return (known != null) ? code.value() + " " + known.getReasonPhrase() : String.valueOf(code.value());
    }

    /** The request's body back, as it arrives; see {@link Echo}. */
    Mono<ServerResponse> echo(ServerRequest request) {
        return ServerResponse.ok()
            .contentType(Echo.contentType(request))
            .body(BodyInserters.fromDataBuffers(Echo.body(request, settings.maxEchoSize().toBytes())));
    }

    Mono<ServerResponse> headers(ServerRequest request) {
        List<HeadersPage.Header> lines = new ArrayList<>();
        headerValues(request)
            .forEach((name, values) -> values.forEach(value -> lines.add(new HeadersPage.Header(name, value))));
        return Routing.ok(Routing.HTML, new HeadersPage(lines));
    }

    Mono<ServerResponse> headersJson(ServerRequest request) {
        return Routing.ok(MediaType.APPLICATION_JSON, new Headers(headerValues(request)));
    }

    /**
     * The JSON answer of {@code /headers}: each header's values by its name as first
     * sent.
     */
    record Headers(Map<String, List<String>> headers) {
    }

    /**
     * Each header's values by its name as first sent (once, however many spellings of it
     * came), in the order they arrived; credentials redacted. No bigger than the
     * request's headers, which the server bounds.
     */
    private Map<String, List<String>> headerValues(ServerRequest request) {
        HttpHeaders sent = request.headers().asHttpHeaders();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Set<String> shown = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : sent.headerNames()) {
            if (shown.add(name)) {
                List<String> values = sent.getOrEmpty(name);
                headers.put(name, redacted.contains(normalised(name))
                        ? values.stream().map(value -> "[redacted]").toList() : values);
            }
        }
        return headers;
    }

}
