package dev.loopinfo.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.Scrape;

/**
 * The app port's connection gauges follow connections and requests exactly: up as
 * connections open and requests start, down as responses end, clients leave mid-request
 * and connections close; and each on its own loop, for the loops' page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.server.port=0", "loopinfo.greeting.delay=2s", "loopinfo.pipeline.enabled=false" })
@AutoConfigureMetrics
class ConnectionMetersTest {

    private static final int CLIENTS = 5;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    EventLoops loops;

    @Test
    void countsOpenConnectionsAndRequestsInProgress() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> open() == 0 && active() == 0);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Socket socket = RawHttp.open(port);
                sockets.add(socket);
                RawHttp.send(socket, "GET /hello/waiting" + i + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            }
            // The greetings wait 2 s: all are in progress together.
            await().atMost(Duration.ofSeconds(5)).until(() -> active() == CLIENTS);
            assertThat(open()).isEqualTo(CLIENTS);

            for (Socket socket : sockets) {
                assertThat(RawHttp.readResponse(socket)).startsWith("HTTP/1.1 200");
            }
            // Answered, still open for keep-alive.
            await().atMost(Duration.ofSeconds(5)).until(() -> active() == 0);
            assertThat(open()).isEqualTo(CLIENTS);

            // A client that leaves while its greeting waits is counted out of both.
            RawHttp.send(sockets.get(0), "GET /hello/leaving HTTP/1.1\r\nHost: localhost\r\n\r\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> active() == 1);
            sockets.remove(0).close();
            await().atMost(Duration.ofSeconds(5)).until(() -> active() == 0 && open() == CLIENTS - 1);
        }
        finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> open() == 0 && active() == 0);
    }

    @Test
    void eachConnectionIsCountedOnTheLoopThatServesIt() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> open() == 0 && onLoops().isEmpty());
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Socket socket = RawHttp.open(port);
                sockets.add(socket);
                RawHttp.send(socket, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(RawHttp.readResponse(socket)).startsWith("HTTP/1.1 200");
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(onLoops().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(CLIENTS)
                    .isEqualTo(open());
                // Reactor Netty hands new connections to its loops in turn.
                assertThat(onLoops()).hasSizeGreaterThan(1);
            });
        }
        finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> onLoops().isEmpty());
    }

    /** Open connections by loop, the loops with none left out. */
    private Map<String, Long> onLoops() {
        return loops.now()
            .loops()
            .stream()
            .filter(loop -> loop.openConnections() > 0)
            .collect(Collectors.toMap(EventLoops.Loop::name, EventLoops.Loop::openConnections));
    }

    private long open() {
        return gauge("reactor_netty_http_server_connections{");
    }

    private long active() {
        return gauge("reactor_netty_http_server_connections_active{");
    }

    private long gauge(String series) {
        Scrape scrape = Scrape.of(managementPort);
        assertThat(scrape.series(series)).as("the %s series", series).isNotEmpty();
        return (long) scrape.sum(series);
    }

}
