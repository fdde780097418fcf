package dev.loopinfo.pipeline;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Pipeline settings for tests, bound exactly as the application binds them: defaults plus
 * the given overrides.
 */
final class PipelineSettings {

    private PipelineSettings() {
    }

    static PipelineProperties with(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put("loopinfo.pipeline." + keyValues[i], keyValues[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("loopinfo.pipeline",
                PipelineProperties.class);
    }

}
