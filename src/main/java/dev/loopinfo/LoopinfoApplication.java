package dev.loopinfo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.task.TaskExecutorMetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ScheduledTasksObservationAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.ReactiveMultipartAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebSessionIdResolverAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

/**
 * Starts loopinfo. {@code @SpringBootApplication} spelled out, to keep the management
 * server's configuration ({@code @ManagementContextConfiguration}) out of the
 * application's own context, and to leave out the auto-configurations of what loopinfo
 * never uses (AOP proxies, task executors and schedulers, multipart bodies, web sessions,
 * SSL bundles): each would be read and its beans made at every start.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = { AopAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
        TaskSchedulingAutoConfiguration.class, TaskExecutorMetricsAutoConfiguration.class,
        ScheduledTasksObservationAutoConfiguration.class, ReactiveMultipartAutoConfiguration.class,
        WebSessionIdResolverAutoConfiguration.class, SslHealthContributorAutoConfiguration.class,
        SslMetricsAutoConfiguration.class })
@ComponentScan(excludeFilters = { @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @Filter(type = FilterType.ANNOTATION, classes = ManagementContextConfiguration.class) })
@ConfigurationPropertiesScan
public class LoopinfoApplication {

    public static void main(String[] args) {
        SpringApplication.run(LoopinfoApplication.class, args);
    }

}
