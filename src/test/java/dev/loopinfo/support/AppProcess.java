package dev.loopinfo.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * loopinfo as its own process, started from the test classpath like {@code java -jar}:
 * for drills that need a real SIGTERM or more sockets than one process may open (10,000
 * client connections plus 10,000 server ones).
 */
public final class AppProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern
        .compile("loopinfo started at http://localhost:(\\d+)/ \\(actuator at http://localhost:(\\d+)/actuator\\)");

    private static final Pattern METRIC_VALUE = Pattern
        .compile("\"statistic\":\"(?:VALUE|COUNT)\",\"value\":([0-9.E-]+)");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;

    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private final CountDownLatch started = new CountDownLatch(1);

    private volatile int port;

    private volatile int managementPort;

    private final Thread reader;

    private AppProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "loopinfo-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static AppProcess start(String... arguments) throws IOException, InterruptedException {
        return started(starting(arguments));
    }

    /**
     * Started on the given ports: for a process started again where its clients expect
     * it.
     */
    public static AppProcess startOn(int port, int managementPort, String... arguments)
            throws IOException, InterruptedException {
        return started(launch(port, managementPort, arguments));
    }

    private static AppProcess started(AppProcess app) throws InterruptedException {
        if (!app.started.await(60, TimeUnit.SECONDS)) {
            app.process.destroyForcibly();
            throw new IllegalStateException("loopinfo did not start:\n" + String.join("\n", app.output));
        }
        return app;
    }

    /**
     * The process launched, without waiting for it to be ready: for starts that are meant
     * to fail.
     */
    public static AppProcess starting(String... arguments) throws IOException {
        return launch(0, 0, arguments);
    }

    private static AppProcess launch(int port, int managementPort, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-cp",
                        System.getProperty("java.class.path"), "dev.loopinfo.LoopinfoApplication",
                        "--server.port=" + port, "--management.server.port=" + managementPort));
        command.addAll(List.of(arguments));
        return new AppProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    /**
     * What a container runtime does to stop it; unlike {@code Process.destroy()}, keeps
     * reading its output.
     */
    public void sigterm() {
        process.toHandle().destroy();
    }

    public boolean exited(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitCode() {
        return process.exitValue();
    }

    /** What the process has written so far, one line each. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /**
     * Everything the process wrote: waits for it to exit and for its output to be read to
     * the end.
     */
    public List<String> outputToTheEnd() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("loopinfo is still running");
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        if (reader.isAlive()) {
            throw new IllegalStateException("loopinfo's output did not end after it exited");
        }
        return output();
    }

    /**
     * Waits until a line after the first {@code from} lines of output matches; returns
     * the lines from {@code from} up to and with it.
     */
    public List<String> awaitLine(int from, Predicate<String> line, Duration within) {
        Awaitility.await()
            .atMost(within)
            .pollInterval(Duration.ofMillis(20))
            .until(() -> output().subList(from, output().size()).stream().anyMatch(line));
        List<String> since = output().subList(from, output().size());
        return since.subList(0, since.indexOf(since.stream().filter(line).findFirst().orElseThrow()) + 1);
    }

    /**
     * A meter's value now, as Actuator's metrics endpoint on the management port shows it
     * ({@code VALUE} for a gauge, {@code COUNT} for a counter), with the given
     * {@code tag:value} filters.
     */
    public double metric(String name, String... tags) throws IOException, InterruptedException {
        StringBuilder uri = new StringBuilder("http://localhost:" + managementPort + "/actuator/metrics/" + name);
        for (int i = 0; i < tags.length; i++) {
            uri.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
        }
        String body = HTTP
            .send(HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString())
            .body();
        Matcher value = METRIC_VALUE.matcher(body);
        if (!value.find()) {
            throw new IllegalStateException("no value for " + name + " in " + body);
        }
        return Double.parseDouble(value.group(1));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher ports = STARTED.matcher(line);
                if (ports.find()) {
                    port = Integer.parseInt(ports.group(1));
                    managementPort = Integer.parseInt(ports.group(2));
                    started.countDown();
                }
            }
        }
        catch (IOException closed) {
            output.add("(output closed: " + closed.getMessage() + ")");
        }
    }

}
