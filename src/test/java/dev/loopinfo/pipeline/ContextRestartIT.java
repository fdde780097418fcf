package dev.loopinfo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.loopinfo.LoopinfoApplication;

/**
 * The whole application stopped and started again through its context, as Spring's test
 * contexts do: the pipeline's account survives a stop that gave up on messages, the
 * pipeline produces again, and the lag probe measures the restarted server's loops. Run
 * by failsafe, in a JVM of its own: stopping a context disposes the Reactor Netty
 * resources that every other test context in the JVM shares.
 */
class ContextRestartIT {

    @Test
    void aRestartedContextProducesAgainWithABalancedAccountAndProbesItsLoops() {
        try (ConfigurableApplicationContext context = start("--loopinfo.pipeline.interval=100ms",
                "--loopinfo.pipeline.work=5m", "--loopinfo.pipeline.buffer-size=4",
                "--loopinfo.pipeline.shutdown-timeout=1s")) {
            PipelineControls pipeline = context.getBean(PipelineControls.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.snapshot().block().inFlight() == 5);

            context.stop();
            PipelineSnapshot stopped = pipeline.snapshot().block();
            assertThat(stopped.inFlight()).isZero();
            assertThat(stopped.produced()).isEqualTo(stopped.acknowledged() + stopped.failed() + stopped.dropped());

            context.start();
            long probesBefore = lagProbes(registry);
            Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> pipeline.snapshot().block().produced() > stopped.produced());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lagProbes(registry) > probesBefore + 10);
            assertThat(registry.get("loopinfo.eventloop.lag.worst").gauges()).allSatisfy(
                    worst -> assertThat(worst.value()).as("no lag left over from the old loops").isLessThan(0.2));
        }
    }

    @Test
    void aRestartedContextLeavesADisabledPipelineAndProbeOff() {
        try (ConfigurableApplicationContext context = start("--loopinfo.pipeline.enabled=false",
                "--loopinfo.eventloop.probe-enabled=false")) {
            context.stop();
            context.start();

            assertThat(context.getBean(PipelineControls.class).snapshot().block().state()).isEqualTo("NOT_STARTED");
            assertThat(context.getBean(MeterRegistry.class).find("loopinfo.eventloop.lag").timers()).isEmpty();
        }
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--management.server.port=0";
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return new SpringApplicationBuilder(LoopinfoApplication.class).run(all);
    }

    private static long lagProbes(MeterRegistry registry) {
        return registry.get("loopinfo.eventloop.lag").timers().stream().mapToLong(timer -> timer.count()).sum();
    }

}
