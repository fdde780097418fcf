package dev.loopinfo.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.loopinfo.reliability.AppProcess;

/** A clean start with no traffic logs nothing above INFO: no event loop is reported blocked, nothing fails. */
class CleanStartTest {

    @Test
    void aCleanStartWarnsOfNothing() throws Exception {
        try (AppProcess app = AppProcess.start()) {
            Thread.sleep(3_000); // thirty probe intervals with no traffic
            assertThat(app.output()).isNotEmpty()
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("is blocked"));
        }
    }
}
