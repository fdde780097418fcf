package dev.loopinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;

import dev.loopinfo.support.ServerTest;

/**
 * loopinfo's default for Reactor Netty's idle timeout, which closes idle connections and
 * clients trickling their headers ({@code ConnectionsTest} shows that behaviour, at one
 * second).
 */
@ServerTest
class IdleTimeoutTest {

    @Autowired
    NettyServerProperties netty;

    @Test
    void connectionsWithoutARequestAreClosedAfterTheProxiesInFrontCloseTheirs() {
        assertThat(netty.getIdleTimeout()).isEqualTo(Duration.ofSeconds(75)).isGreaterThan(Duration.ofSeconds(60));
    }

}
