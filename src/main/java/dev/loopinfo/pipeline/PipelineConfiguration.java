package dev.loopinfo.pipeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The continuous pipeline and the one thread it runs on. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    /** One named thread, like asyncio's one loop; disposed after the pipeline has stopped. */
    @Bean(destroyMethod = "dispose")
    Scheduler pipelineScheduler() {
        return Schedulers.newSingle("pipeline");
    }

    @Bean
    Pipeline pipeline(PipelineProperties settings, Scheduler pipelineScheduler) {
        return new Pipeline(settings, pipelineScheduler, Consumer.Failures.atRate(settings.failureRate()));
    }
}
