package dev.loopinfo.settings;

import dev.loopinfo.LoopinfoApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A start with invalid settings fails with every invalid setting listed at once, each by
 * the name and with the value the user wrote, where it came from, and the rule it breaks.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidSettingsTest {

    @Test
    void everyInvalidSettingIsReportedAtOnceInTheReadmesSpelling(CapturedOutput output) {
        assertThatThrownBy(() -> start(new StandardEnvironment(), "--loopinfo.greeting.max-name-length=2000",
                "--loopinfo.greeting.delay=2m", "--loopinfo.pipeline.overflow=drop-all",
                "--loopinfo.eventloop.probe-interval=soon", "--loopinfo.pipeline.batch=0"))
            .isNotNull();

        assertThat(output.getAll())
            .contains("5 loopinfo settings are invalid:", "loopinfo.greeting.max-name-length = 2000",
                    "must be a whole number from 1 to 1024", "loopinfo.greeting.delay = 2m",
                    "must be a duration from 0s to 1m", "loopinfo.pipeline.overflow = drop-all",
                    "must be one of backpressure, drop-oldest, drop-newest", "loopinfo.eventloop.probe-interval = soon",
                    "must be a duration such as 500ms", "loopinfo.pipeline.batch = 0",
                    "must be a whole number from 1 to 100000", "from property source \"commandLineArgs\"",
                    "LOOPINFO_GREETING_MAX_NAME_LENGTH")
            .doesNotContain("maxNameLength", "PT2M", "DROP_OLDEST");
    }

    @Test
    void theTestBedsSettingsAreCheckedToo(CapturedOutput output) {
        assertThatThrownBy(() -> start(new StandardEnvironment(), "--loopinfo.testbed.fault-status=100",
                "--loopinfo.testbed.fault-rate=1.5", "--loopinfo.testbed.max-delay=2h"))
            .isNotNull();

        assertThat(output.getAll()).contains("3 loopinfo settings are invalid:", "loopinfo.testbed.fault-status = 100",
                "must be a whole number from 200 to 599", "loopinfo.testbed.fault-rate = 1.5",
                "must be a number from 0 to 1", "loopinfo.testbed.max-delay = 2h", "must be a duration from 0s to 1h");
    }

    @Test
    void everySizeHasARange(CapturedOutput output) {
        assertThatThrownBy(() -> start(new StandardEnvironment(), "--loopinfo.testbed.websocket-max-message-size=0",
                "--loopinfo.testbed.max-echo-size=1GB"))
            .isNotNull();

        assertThat(output.getAll()).contains("2 loopinfo settings are invalid:",
                "loopinfo.testbed.websocket-max-message-size = 0", "must be a size from 1B to 16MB",
                "loopinfo.testbed.max-echo-size = 1GB", "must be a size from 1B to 64MB");
    }

    /**
     * A rule between settings, and a key that is no setting, are reported with every
     * other problem.
     */
    @Test
    void rulesBetweenSettingsAndUnknownKeysAreInTheSameReport(CapturedOutput output) {
        assertThatThrownBy(() -> start(new StandardEnvironment(), "--loopinfo.pipeline.shutdown-timeout=45s",
                "--loopinfo.greeting.delay=-1s", "--loopinfo.greeting.dealy=2s", "--loopinfo.nonsense=1"))
            .isNotNull();

        assertThat(output.getAll())
            .contains("4 loopinfo settings are invalid:", "loopinfo.greeting.delay = -1s",
                    "must be a duration from 0s to 1m", "loopinfo.pipeline.shutdown-timeout = 45s",
                    "must be shorter than "
                            + "spring.lifecycle.timeout-per-shutdown-phase (30000 ms), or Spring stops waiting",
                    "loopinfo.greeting.dealy = 2s", "is not a loopinfo setting; did you mean loopinfo.greeting.delay?",
                    "loopinfo.nonsense = 1", "is not a loopinfo setting")
            .doesNotContain("UnsatisfiedDependencyException", "loopinfo.nonsense = 1 (from property source "
                    + "\"commandLineArgs\"): is not a loopinfo setting; did you mean");
    }

    @Test
    void aRuleBetweenSettingsAloneStopsTheStartWithTheReport(CapturedOutput output) {
        assertThatThrownBy(() -> start(new StandardEnvironment(), "--spring.lifecycle.timeout-per-shutdown-phase=5s"))
            .isNotNull();

        assertThat(output.getAll())
            .contains("A loopinfo setting is invalid:",
                    "loopinfo.pipeline.shutdown-timeout = 10000ms (its default): must be shorter than "
                            + "spring.lifecycle.timeout-per-shutdown-phase (5000 ms)")
            .doesNotContain("\tat ");
    }

    @Test
    void anEnvironmentVariableIsNamedAsItWasSet(CapturedOutput output) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of("LOOPINFO_GREETING_MAX_NAME_LENGTH", "0")));

        assertThatThrownBy(() -> start(environment)).isNotNull();

        assertThat(output.getAll()).contains("A loopinfo setting is invalid:", "loopinfo.greeting.max-name-length = 0",
                "LOOPINFO_GREETING_MAX_NAME_LENGTH", "must be a whole number from 1 to 1024");
    }

    private static void start(StandardEnvironment environment, String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--management.server.port=0";
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        new SpringApplicationBuilder(LoopinfoApplication.class).environment(environment).run(all).close();
    }

}
