package dev.loopinfo.eventloop;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ReactorResourceFactory;

import reactor.core.observability.micrometer.Micrometer;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * Metrics for the event loop (its loops' pending tasks, the app port's connections, the lag probe) and its live
 * view.
 */
@Configuration(proxyBeanMethods = false)
class EventLoopConfiguration {

    /**
     * Open and active connections on the app port. Reactor Netty's own metrics are off: they would time every
     * request a second time, beside Spring's {@code http_server_requests_seconds}. Boot applies server customizers
     * to the app server only.
     */
    @Bean
    ConnectionMeters connectionMeters(MeterRegistry registry) {
        return new ConnectionMeters(registry);
    }

    @Bean
    LoopMeters loopMeters(ReactorResourceFactory resources, MeterRegistry registry) {
        return new LoopMeters(() -> resources.getLoopResources().onServer(LoopResources.DEFAULT_NATIVE), registry);
    }

    @Bean(destroyMethod = "dispose")
    Scheduler eventLoopProbeScheduler(MeterRegistry registry) {
        return Micrometer.timedScheduler(Schedulers.newSingle("eventloop-probe"), registry,
                "loopinfo.eventloop.probe", Tags.empty());
    }

    @Bean
    EventLoopLagProbe eventLoopLagProbe(ReactorResourceFactory resources, EventLoopProperties settings,
            MeterRegistry registry, Scheduler eventLoopProbeScheduler) {
        // The loops the app server runs on: Boot hands this factory's loop resources to the Netty server, and a
        // restarted factory makes new ones.
        return new EventLoopLagProbe(() -> resources.getLoopResources().onServer(LoopResources.DEFAULT_NATIVE),
                settings, registry, eventLoopProbeScheduler);
    }

    @Bean
    EventLoops eventLoops(LoopMeters loopMeters, EventLoopLagProbe eventLoopLagProbe,
            ConnectionMeters connectionMeters, EventLoopProperties settings) {
        return new EventLoops(loopMeters, eventLoopLagProbe, connectionMeters, settings);
    }

    /** Every exported series gets a HELP text; Reactor Netty registers its meters without one. */
    @Bean
    MeterFilter meterDescriptions() {
        return MeterDescriptions.filter();
    }

    /**
     * Latency buckets ({@code management.metrics.distribution.slo}) only for GET and POST requests that succeeded
     * or redirected: the latencies users alert on. Refusals, HEAD and OPTIONS keep their count, sum and maximum, and
     * one bucket of 10 s (Prometheus wants every series of a histogram to be one).
     */
    @Bean
    MeterFilter requestLatencyBuckets() {
        DistributionStatisticConfig fewBuckets = DistributionStatisticConfig.builder()
            .serviceLevelObjectives(Duration.ofSeconds(10).toNanos())
            .build();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                String method = String.valueOf(id.getTag("method"));
                String outcome = String.valueOf(id.getTag("outcome"));
                boolean alertedOn = (method.equals("GET") || method.equals("POST"))
                        && (outcome.equals("SUCCESS") || outcome.equals("REDIRECTION"));
                return alertedOn ? config : fewBuckets.merge(config);
            }
        };
    }

    /** Pod and namespace tags on every meter, when the Downward API provides them. */
    @Bean
    MeterFilter podTags(Environment environment) {
        Tags tags = Tags.empty();
        for (Map.Entry<String, String> tag : Map.of("pod", "POD_NAME", "namespace", "POD_NAMESPACE").entrySet()) {
            String value = environment.getProperty(tag.getValue());
            if (value != null && !value.isBlank()) {
                tags = tags.and(tag.getKey(), value);
            }
        }
        return MeterFilter.commonTags(tags);
    }
}
