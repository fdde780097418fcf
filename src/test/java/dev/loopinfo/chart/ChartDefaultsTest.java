package dev.loopinfo.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * The chart's {@code values.yaml} shows loopinfo's settings with their values, so that a
 * user reads and overrides them in one place; each shown value must be the application's
 * own default, or installing the chart would quietly change the product. Every settings
 * record is bound as the pod binds it, from the application.yaml the chart renders, and
 * compared with the same record bound from nothing.
 */
class ChartDefaultsTest {

    @Test
    void theChartsLoopinfoValuesAreTheApplicationsDefaults() throws IOException {
        Map<String, Object> chart = settings(RenderedChart.render().applicationYaml());
        Map<String, Object> defaults = settings("{}");

        assertThat(chart.keySet()).anyMatch(name -> name.contains("GreetingProperties"))
            .anyMatch(name -> name.contains("PipelineProperties"))
            .anyMatch(name -> name.contains("EventLoopProperties"));
        assertThat(chart).isEqualTo(defaults);
    }

    @Test
    void aChangedValueWouldBeSeen() throws IOException {
        Map<String, Object> chart = settings(
                RenderedChart.render(template -> template.set("loopinfo.greeting.delay", "2s")).applicationYaml());

        assertThat(chart).isNotEqualTo(settings("{}"));
    }

    /**
     * Every loopinfo settings record, bound from this application.yaml alone: bean name →
     * record.
     */
    private static Map<String, Object> settings(String applicationYaml) throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yaml",
                new ByteArrayResource(applicationYaml.getBytes(StandardCharsets.UTF_8)));
        try (var context = new AnnotationConfigApplicationContext()) {
            yaml.forEach(context.getEnvironment().getPropertySources()::addFirst);
            context.register(AllSettings.class);
            context.refresh();
            return Map.copyOf(context.getBeansWithAnnotation(ConfigurationProperties.class));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("dev.loopinfo")
    static class AllSettings {

    }

}
