package dev.loopinfo.eventloop;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import reactor.core.observability.micrometer.Micrometer;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * Metrics for the event loop (its loops' pending tasks, the app port's connections, the
 * lag probe) and its live view.
 */
@Configuration(proxyBeanMethods = false)
class EventLoopConfiguration {

    /**
     * Open and active connections on the app port. Reactor Netty's own metrics are off:
     * they would time every request a second time, beside Spring's
     * {@code http_server_requests_seconds}. Boot applies server customizers to the app
     * server only.
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
        return Micrometer.timedScheduler(Schedulers.newSingle("eventloop-probe"), registry, "loopinfo.eventloop.probe",
                Tags.empty());
    }

    @Bean
    EventLoopLagProbe eventLoopLagProbe(ReactorResourceFactory resources, EventLoopProperties settings,
            MeterRegistry registry, Scheduler eventLoopProbeScheduler) {
        // The loops the app server runs on: Boot hands this factory's loop resources to
        // the Netty server, and a restarted factory makes new ones.
        return new EventLoopLagProbe(() -> resources.getLoopResources().onServer(LoopResources.DEFAULT_NATIVE),
                settings, registry, eventLoopProbeScheduler);
    }

    @Bean
    EventLoops eventLoops(LoopMeters loopMeters, EventLoopLagProbe eventLoopLagProbe, ConnectionMeters connectionMeters,
            EventLoopProperties settings) {
        return new EventLoops(loopMeters, eventLoopLagProbe, connectionMeters, settings);
    }

}
