package dev.loopinfo.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import dev.loopinfo.eventloop.EventLoopProperties;
import dev.loopinfo.greeting.GreetingProperties;
import dev.loopinfo.pipeline.PipelineProperties;

/**
 * The chart's {@code values.yaml} shows loopinfo's settings with their values, so that a user reads and overrides
 * them in one place; each shown value must be the application's own default, or installing the chart would
 * quietly change the product. Bound as the pod binds them, from the application.yaml the chart renders.
 */
class ChartDefaultsTest {

    @Test
    void theChartsLoopinfoValuesAreTheApplicationsDefaults() throws IOException {
        Binder chart = binder(RenderedChart.render().applicationYaml());
        Binder none = binder("{}");

        for (var settings : List.of(new Settings<>("loopinfo.greeting", GreetingProperties.class),
                new Settings<>("loopinfo.pipeline", PipelineProperties.class),
                new Settings<>("loopinfo.eventloop", EventLoopProperties.class))) {
            assertThat(chart.bindOrCreate(settings.prefix(), settings.type())).as(settings.prefix())
                .isEqualTo(none.bindOrCreate(settings.prefix(), settings.type()));
        }
    }

    @Test
    void aChangedValueWouldBeSeen() throws IOException {
        Binder chart = binder(RenderedChart.render(template -> template.set("loopinfo.greeting.delay", "2s"))
            .applicationYaml());

        assertThat(chart.bindOrCreate("loopinfo.greeting", GreetingProperties.class))
            .isNotEqualTo(binder("{}").bindOrCreate("loopinfo.greeting", GreetingProperties.class));
    }

    private record Settings<T>(String prefix, Class<T> type) {
    }

    private static Binder binder(String yaml) throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application.yaml",
                new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        return new Binder(ConfigurationPropertySources.from(sources));
    }

}
