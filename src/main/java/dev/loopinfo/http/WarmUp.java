package dev.loopinfo.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.micrometer.observation.ObservationPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Sends each kind of request a first visitor sends — a page, a form's redirect, JSON, an
 * error both ways, a static file, the event streams the live pages open — once the server
 * listens and before anything else starts (the lag probe, the pipeline) or loopinfo
 * reports ready, so that the classes and code paths they need are loaded before a
 * visitor's request waits on them: a first request no longer holds an event loop long
 * enough for the lag probe to report it. Sent from the starting thread, one by one, on
 * plain sockets (an HTTP client would load as much again). The warm-up's requests carry a
 * token made anew at each start ({@link #isWarmUp}): they are left out of the request
 * metrics, and no injected fault delays them, nor the start with them.
 */
@Configuration(proxyBeanMethods = false)
public class WarmUp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private static final String HEADER = "Loopinfo-Warm-Up";

    /** What a first visitor's browser asks for, as {@code Accept} and path. */
    private static final List<String[]> FIRST_REQUESTS = List.of(new String[] { "text/html", "/" },
            new String[] { "text/html", "/hello?name=Ada" }, new String[] { "text/css", "/css/loopinfo.css" },
            new String[] { "text/html", "/pipeline" }, new String[] { "text/event-stream", "/pipeline/events" },
            new String[] { "text/html", "/loops" }, new String[] { "text/event-stream", "/loops/events" },
            new String[] { "text/html", "/lessons/blocking" }, new String[] { "application/json", "/api/pipeline" },
            new String[] { "text/html", "/nowhere" }, new String[] { "application/json", "/nowhere" });

    /**
     * Room for an answer's first bytes: the head, read as it comes (an event stream never
     * ends by itself).
     */
    private static final int FIRST_BYTES = 1024;

    private final Environment environment;

    private volatile boolean warm;

    /**
     * Whether the warm-up is sending its requests now: outside it, no request need be
     * looked at.
     */
    private volatile boolean warming;

    WarmUp(Environment environment) {
        this.environment = environment;
    }

    /**
     * Just before everything in the default phase, which starts after the web server's.
     */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1;
    }

    @Override
    public void start() {
        warm = true;
        // Made here, on the main thread, before any request is looked at
        Objects.requireNonNull(Token.VALUE);
        Integer port = environment.getProperty("local.server.port", Integer.class);
        if (port == null) {
            return;
        }
        long started = System.nanoTime();
        warming = true;
        for (String[] request : FIRST_REQUESTS) {
            try {
                ask(port, request[0], request[1]);
            }
            catch (IOException unanswered) {
                log.debug("The warm-up's {} went unanswered: {}", request[1], unanswered.toString());
            }
        }
        warming = false;
        log.info("Warmed up on {} kinds of first request in {} ms", FIRST_REQUESTS.size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Override
    public void stop() {
        warm = false;
    }

    @Override
    public boolean isRunning() {
        return warm;
    }

    /**
     * Sends one request as the warm-up does, on the loopback address and a connection of
     * its own, and reads the answer's first bytes: enough for the server to have made it
     * (an event stream never ends by itself).
     */
    public static void ask(int port, String accept, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\n" + HEADER + ": "
                    + Token.VALUE + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read(new byte[FIRST_BYTES]);
        }
    }

    /** Whether the request is one of the warm-up's. */
    public static boolean isWarmUp(ServerHttpRequest request) {
        String token = request.getHeaders().getFirst(HEADER);
        return token != null && Token.VALUE.equals(token);
    }

    /**
     * The token, made when the warm-up starts, on the main thread: a random UUID may read
     * the system's entropy source, which no event loop may wait on.
     */
    private static final class Token {

        static final String VALUE = UUID.randomUUID().toString();

    }

    /** The warm-up's requests are not the users': no request timing records them. */
    @Bean
    ObservationPredicate warmUpUnobserved() {
        return (name, context) -> !(warming && context instanceof ServerRequestObservationContext request
                && isWarmUp(request.getCarrier()));
    }

}
