package dev.loopinfo.testbed;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.loopinfo.web.Routing;
import dev.loopinfo.http.WarmUp;
import reactor.core.publisher.Mono;

/**
 * Injects the current {@link Fault} into the app port's requests, so that a mesh's
 * retries, a client's timeouts or an alert can be tried out. The management port —
 * probes, metrics, controls — is never touched. Every fault injected is counted
 * ({@code loopinfo.testbed.faults{kind}}), and every change of the fault is logged once.
 */
@Component
class FaultInjection implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);

    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);

    private final Counter latencies;

    private final Counter statuses;

    FaultInjection(TestbedProperties settings, MeterRegistry registry) {
        this.latencies = faults(registry, "latency");
        this.statuses = faults(registry, "status");
        set(settings.initialFault());
    }

    private static Counter faults(MeterRegistry registry, String kind) {
        return Counter.builder("loopinfo.testbed.faults")
            .description("Faults injected into the app port's requests: added latency, or a status answered instead")
            .tag("kind", kind)
            .register(registry);
    }

    Fault current() {
        return fault.get();
    }

    void set(Fault next) {
        Fault previous = fault.getAndSet(next);
        if (!next.equals(previous)) {
            if (next.isActive()) {
                log.info("Faults injected into {} of the app port's requests: status {}, latency {} plus up to {}",
                        next.rate(), (next.status() == 0) ? "as served" : next.status(),
                        DurationStyle.SIMPLE.print(next.latency()), DurationStyle.SIMPLE.print(next.jitter()));
            }
            else if (previous.isActive()) {
                log.info("Fault injection cleared");
            }
        }
    }

    /**
     * After the request checks (Accept), before routing: a fault replaces or delays the
     * whole answer.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Fault now = fault.get();
        if (!now.strikes() || Routing.isManagement(exchange) || WarmUp.isWarmUp(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        Mono<Void> answer = (now.status() == 0) ? chain.filter(exchange) : Mono.defer(() -> {
            statuses.increment();
            return answer(exchange.getResponse(), now.status());
        });
        if (now.latency().isZero() && now.jitter().isZero()) {
            return answer;
        }
        return Mono.delay(now.nextLatency()).doOnNext(waited -> latencies.increment()).then(answer);
    }

    private static Mono<Void> answer(ServerHttpResponse response, int status) {
        response.setStatusCode(HttpStatusCode.valueOf(status));
        if (Statuses.carriesNoBody(status)) {
            return response.setComplete();
        }
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        byte[] body = ("Fault injected: " + status + " (see /actuator/faults on the management port)\n")
            .getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

}
