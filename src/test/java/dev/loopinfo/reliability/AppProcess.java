package dev.loopinfo.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * loopinfo as its own process, started from the test classpath like {@code java -jar}: for drills that need a
 * real SIGTERM or more sockets than one process may open (10,000 client connections plus 10,000 server ones).
 */
public final class AppProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern
        .compile("loopinfo started at http://localhost:(\\d+)/ \\(actuator at http://localhost:(\\d+)/actuator\\)");

    private final Process process;

    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private final CountDownLatch started = new CountDownLatch(1);

    private volatile int port;

    private volatile int managementPort;

    private AppProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "loopinfo-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static AppProcess start(String... arguments) throws IOException, InterruptedException {
        AppProcess app = starting(arguments);
        if (!app.started.await(60, TimeUnit.SECONDS)) {
            app.process.destroyForcibly();
            throw new IllegalStateException("loopinfo did not start:\n" + String.join("\n", app.output));
        }
        return app;
    }

    /** The process launched, without waiting for it to be ready: for starts that are meant to fail. */
    public static AppProcess starting(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), "dev.loopinfo.LoopinfoApplication",
                "--server.port=0", "--management.server.port=0"));
        command.addAll(List.of(arguments));
        return new AppProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    /** What a container runtime does to stop it; unlike {@code Process.destroy()}, keeps reading its output. */
    public void sigterm() {
        process.toHandle().destroy();
    }

    public boolean exited(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitCode() {
        return process.exitValue();
    }

    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
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
