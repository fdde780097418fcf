package dev.loopinfo.metrics;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What every exported series shares, whatever it measures: a HELP text and a name
 * Prometheus accepts, latency buckets only where users alert, one error tag, and the
 * pod's tags.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /**
     * Every exported series gets a HELP text; Reactor Netty registers its meters without
     * one.
     */
    @Bean
    MeterFilter meterDescriptions() {
        return MeterDescriptions.filter();
    }

    /**
     * Latency buckets ({@code management.metrics.distribution.slo}) only for GET and POST
     * requests that succeeded or redirected: the latencies users alert on. Refusals, HEAD
     * and OPTIONS keep their count, sum and maximum, and one bucket of 10 s (Prometheus
     * wants every series of a histogram to be one).
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

    /**
     * One error tag on what observations record (here, the requests): Micrometer's
     * {@code error}, which every observation carries, without the legacy
     * {@code exception} Spring's HTTP conventions add beside it with the same value
     * (spring-framework#31514). No other meter here has an {@code exception} tag.
     */
    @Bean
    MeterFilter oneErrorTag() {
        return MeterFilter.ignoreTags("exception");
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
