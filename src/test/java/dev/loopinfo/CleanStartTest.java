package dev.loopinfo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.loopinfo.reliability.AppProcess;

/**
 * A clean start with no traffic, as its own process: it says where it serves, then logs nothing above INFO — no
 * event loop is reported blocked, nothing fails.
 */
class CleanStartTest {

    @Test
    void aCleanStartSaysWhereItServesAndWarnsOfNothing() throws Exception {
        try (AppProcess app = AppProcess.start()) {
            assertThat(app.output()).anyMatch(line -> line.endsWith("loopinfo started at http://localhost:"
                    + app.port() + "/ (actuator at http://localhost:" + app.managementPort() + "/actuator)"));
            assertThat(app.port()).isPositive().isNotEqualTo(app.managementPort());

            Thread.sleep(3_000); // thirty probe intervals with no traffic
            assertThat(app.output())
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("is blocked"));
        }
    }
}
