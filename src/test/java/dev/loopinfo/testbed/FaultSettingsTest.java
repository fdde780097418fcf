package dev.loopinfo.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A release can start with faults on, as the chart's {@code faults.*} values set them:
 * the settings, bound as at start-up, are the fault from the first request on
 * (HelmChartTest checks the chart writes them). Which port the fault reaches, and
 * changing it at run time, need the whole application ({@code FaultInjectionTest}).
 */
class FaultSettingsTest {

    @Test
    void faultsSetAtStartAnswerFromTheFirstRequest() {
        TestbedProperties settings = new Binder(new MapConfigurationPropertySource(
                Map.of("loopinfo.testbed.fault-rate", "1", "loopinfo.testbed.fault-status", "418")))
            .bindOrCreate("loopinfo.testbed", TestbedProperties.class);
        FaultInjection injection = new FaultInjection(settings, new SimpleMeterRegistry());

        WebTestClient
            .bindToRouterFunction(
                    RouterFunctions.route(RequestPredicates.GET("/"), request -> ServerResponse.ok().build()))
            .webFilter(injection)
            .build()
            .get()
            .uri("/")
            .exchange()
            .expectStatus()
            .isEqualTo(418);
        assertThat(new FaultsEndpoint(injection).fault()).isEqualTo(new Fault.Shown(1, 418, null, null));
    }

}
