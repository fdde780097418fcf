package dev.loopinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;

/** Start-up and shutdown of the whole application, as a process would see them. */
@ExtendWith(OutputCaptureExtension.class)
class LifecycleTest {

    private static final String[] RANDOM_PORTS = { "--server.port=0", "--management.server.port=0" };

    /**
     * Starts the application as {@code main} does, except that its Netty resources are its own: closing it must
     * not dispose the JVM-wide ones that other tests' servers and clients use.
     */
    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LoopinfoApplication.class)
            .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String name) {
                    if (bean instanceof ReactorResourceFactory resources) {
                        resources.setUseGlobalResources(false);
                    }
                    return bean;
                }
            }))
            .run(RANDOM_PORTS);
    }

    @Test
    void logsWhereItServesOnceStarted(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start()) {
            String port = context.getEnvironment().getProperty("local.server.port");
            String managementPort = context.getEnvironment().getProperty("local.management.port");

            assertThat(output).contains("loopinfo started at http://localhost:" + port + "/ (actuator at http://localhost:"
                    + managementPort + "/actuator)");
        }
    }

    @Test
    void greetingsInFlightAtShutdownAreAnswered() throws Exception {
        ConfigurableApplicationContext context = start();
        WebClient client = WebClient.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));

        CompletableFuture<List<HttpStatusCode>> inFlight = Flux.range(0, 20)
            .flatMap(i -> client.get().uri("/hello/guest-{i}", i).retrieve().toBodilessEntity())
            .map(response -> response.getStatusCode())
            .collectList()
            .toFuture();
        Thread.sleep(200); // the 500 ms greetings are now waiting on the server
        context.close(); // what SIGTERM does, through Spring's shutdown hook

        assertThat(inFlight.get(10, TimeUnit.SECONDS)).hasSize(20).allMatch(HttpStatusCode::is2xxSuccessful);
        assertThat(context.isActive()).isFalse();
    }

    @Test
    void anOpenEventStreamEndsWithThePipelineAndTheFinalAccountIsLogged(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext context = start();
        WebClient client = WebClient.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
        CompletableFuture<List<String>> stream = client.get().uri("/pipeline/events")
            .retrieve()
            .bodyToFlux(String.class)
            .collectList()
            .toFuture();
        Thread.sleep(300); // the stream is open and has sent its first snapshot

        context.close();

        // Without the pipeline ending it, the stream would hold graceful shutdown for its whole timeout.
        assertThat(stream.get(5, TimeUnit.SECONDS)).isNotEmpty().first().asString().contains("\"produced\"");
        assertThat(output).contains("Pipeline stopped: produced");
    }
}
