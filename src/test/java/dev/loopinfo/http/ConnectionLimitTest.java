package dev.loopinfo.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The app port's connection limit leaves room under the open-file limit for everything
 * else.
 */
class ConnectionLimitTest {

    @Test
    void aLimitWellUnderTheFileLimitIsKept() {
        assertThat(ConnectionLimit.of(15_000, 20_000)).isEqualTo(15_000);
    }

    @Test
    void aLimitTooCloseToTheFileLimitIsLowered() {
        assertThat(ConnectionLimit.of(20_000, 20_000)).isEqualTo(19_000);
        assertThat(ConnectionLimit.of(50_000, 1_024)).isEqualTo(24);
        assertThat(ConnectionLimit.of(50_000, 500)).isEqualTo(1);
    }

}
