package dev.loopinfo.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.core.observability.micrometer.Micrometer;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The continuous pipeline and the one thread it runs on. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    /**
     * One named thread, like asyncio's one loop, timed for metrics
     * ({@code loopinfo_pipeline_scheduler_*}); disposed after the pipeline has stopped.
     */
    @Bean(destroyMethod = "dispose")
    Scheduler pipelineScheduler(MeterRegistry registry) {
        return Micrometer.timedScheduler(Schedulers.newSingle("pipeline"), registry, "loopinfo.pipeline", Tags.empty());
    }

    /**
     * The pipeline stops in a shutdown phase of its own, which Spring abandons after
     * {@code spring.lifecycle.timeout-per-shutdown-phase}: its own wait for in-flight
     * messages ends first, a rule checked with every other setting's at start-up
     * ({@code SettingsProblems}).
     */
    @Bean
    Pipeline pipeline(PipelineProperties settings, Scheduler pipelineScheduler, MeterRegistry registry) {
        return new Pipeline(settings, pipelineScheduler, Consumer.Failures.atRate(settings.failureRate()), registry,
                System::nanoTime);
    }

    @Bean
    PipelineControls pipelineControls(Pipeline pipeline) {
        return new PipelineControls(pipeline);
    }

}
