package dev.loopinfo.greeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.loopinfo.settings.SettingRules;

class GreetingPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
        .withUserConfiguration(SettingRules.class, Config.class);

    @Test
    void defaultsAreTheOriginalsHalfSecondAnd64Characters() {
        context.run(started -> {
            GreetingProperties properties = started.getBean(GreetingProperties.class);
            assertThat(properties.delay()).isEqualTo(Duration.ofMillis(500));
            assertThat(properties.maxNameLength()).isEqualTo(64);
        });
    }

    @Test
    void settingsBind() {
        context.withPropertyValues("loopinfo.greeting.delay=2s", "loopinfo.greeting.max-name-length=10")
            .run(started -> {
                GreetingProperties properties = started.getBean(GreetingProperties.class);
                assertThat(properties.delay()).isEqualTo(Duration.ofSeconds(2));
                assertThat(properties.maxNameLength()).isEqualTo(10);
            });
    }

    @Test
    void outOfRangeSettingsStopTheStartWithTheirName() {
        for (String bad : new String[] { "loopinfo.greeting.delay=-1ms", "loopinfo.greeting.delay=2m",
                "loopinfo.greeting.max-name-length=0", "loopinfo.greeting.max-name-length=1025" }) {
            context.withPropertyValues(bad)
                .run(started -> assertThat(started).getFailure()
                    .rootCause()
                    .hasMessageContaining(bad.substring(0, bad.indexOf('='))));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GreetingProperties.class)
    static class Config {

    }

}
