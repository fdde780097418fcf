package dev.loopinfo.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import org.assertj.core.data.Percentage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.loopinfo.support.RealTool;

/**
 * The image runs under the chart's own settings: the pod's security context (numeric
 * non-root user, read-only root filesystem, a tmpfs /tmp, no capabilities, no privilege
 * escalation), its memory limit, the chart's environment and its rendered ConfigMap, and
 * it starts from the AOT cache its training run wrote, with Spring AOT. No registry is
 * reachable here, so the image is built offline on a locally made base image
 * ({@code src/image/build-offline.sh}, which runs the same {@code src/image/build.sh} as
 * a registry build) and run by podman.
 */
class ContainerImageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final String IMAGE = "localhost/loopinfo:local";

    @TempDir
    static Path work;

    private final String container = "loopinfo-check-" + UUID.randomUUID().toString().substring(0, 8);

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void buildImage() throws IOException, InterruptedException {
        RealTool.require("podman", "podman");
        RealTool.require("runc", "runc");
        Process jdk = run("jdk", List.of("src/image/jdk.sh"), Duration.ofSeconds(30));
        if (jdk.exitValue() != 0) {
            throw RealTool.unavailable(log("jdk").strip());
        }
        Process build = run("build", List.of("src/image/build-offline.sh"), Duration.ofMinutes(5));
        assertThat(build.exitValue()).as(log("build")).isZero();
        assertThat(log("build")).as("a quiet build: no banner, no JVM options or class path, no JVM warning")
            .doesNotContain(":: Spring Boot ::", "Picked up JAVA_TOOL_OPTIONS", "WARNING:");
    }

    @AfterEach
    void removeContainer() throws IOException, InterruptedException {
        run("remove", List.of("src/image/podman.sh", "rm", "-f", container), Duration.ofSeconds(60));
    }

    @Test
    void theImageServesPagesAndProbesUnderTheChartsSecuritySettings() throws Exception {
        int http = freePort();
        int management = freePort();
        RenderedChart chart = RenderedChart
            .render(template -> template.set("ports.http", http).set("ports.management", management));
        Container pod = startAsThePod(chart, management);
        assertThat(get(management, "/actuator/health/startup")).contains("\"status\":\"UP\"");
        assertThat(get(management, "/actuator/health/liveness")).contains("\"status\":\"UP\"");
        assertThat(get(http, "/")).contains("<h1>Index</h1>", "<dt>Host</dt><dd>loopinfo-abc12</dd>",
                "<dt>Namespace</dt><dd>shop</dd>", "<dt>Node</dt><dd>node-7</dd>");
        assertThat(get(http, "/hello/x")).contains("<h1>Hello, x!</h1>");
        assertThat(get(http, "/css/loopinfo.css")).as("static files found in the image's layout").startsWith(":root {");

        // Under that limit the JVM on its own would pick the Serial collector and a
        // quarter of it for the heap.
        assertThat(get(management, "/actuator/metrics/jvm.memory.max")).as("G1's memory pools")
            .contains("\"G1 Old Gen\"")
            .doesNotContain("\"Tenured Gen\"");
        String jvmOptions = chart.environment("JAVA_TOOL_OPTIONS");
        double heapShare = Double.parseDouble(jvmOptions.replaceAll(".*-XX:MaxRAMPercentage=([0-9.]+).*", "$1")) / 100;
        String heapMax = get(management, "/actuator/metrics/jvm.memory.max?tag=area:heap");
        assertThat(Double.parseDouble(heapMax.replaceAll("(?s).*\"value\":([0-9.E]+).*", "$1")))
            .as("the heap the chart's jvm.maxRAMPercentage gives, in bytes: " + heapMax)
            .isCloseTo(memoryLimit(pod) * heapShare, Percentage.withPercentage(2));

        Process logs = run("logs", List.of("src/image/podman.sh", "logs", container), Duration.ofSeconds(30));
        assertThat(log("logs")).as("structured JSON logging, as the chart configures it")
            .containsPattern("(?m)^\\{.*\"message\":\"loopinfo started at http://localhost:" + http)
            .as("a start that warns of nothing: no JVM warning, no WARN")
            .doesNotContain("WARNING:", "\"WARN\"");
        assertThat(logs.exitValue()).isZero();
    }

    @Test
    void theImageStartsFromTheAotCacheItsTrainingRunWroteWithSpringAot() throws Exception {
        Process inspect = run("inspect", List.of("src/image/podman.sh", "image", "inspect", "--format",
                "{{.Config.User}} {{json .Config.Entrypoint}}", IMAGE), Duration.ofSeconds(30));
        assertThat(inspect.exitValue()).as(log("inspect")).isZero();
        assertThat(log("inspect")).as("the image's user and entrypoint")
            .startsWith("65532:65532 ")
            .contains("\"-XX:AOTCache=/app/loopinfo.aot\"", "\"-Dspring.aot.enabled=true\"",
                    "\"--enable-native-access=ALL-UNNAMED\"");

        // The image's own command under the chart's settings, stopped once the context is
        // refreshed. With
        // -XX:AOTMode=on the JVM refuses to start unless it can use the cache it is
        // given.
        RenderedChart chart = RenderedChart.render();
        Container pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> command = runAsThePod(pod);
        command.addAll(List.of("-e", "JAVA_TOOL_OPTIONS=" + chart.environment("JAVA_TOOL_OPTIONS")
                + " -XX:AOTMode=on -Xlog:class+load=info -Dspring.context.exit=onRefresh", IMAGE));
        Process start = run("cache", command, Duration.ofMinutes(2));
        assertThat(start.exitValue()).as(log("cache")).isZero();
        assertThat(log("cache"))
            .as("the application's classes come from the image's AOT cache, its beans from Spring AOT")
            .contains("dev.loopinfo.LoopinfoApplication source: shared objects file")
            .contains("dev.loopinfo.greeting.GreetingHandler source: shared objects file")
            // Loaded only to render a 404: in the cache because its training run served
            // the warm-up's requests.
            .contains("dev.loopinfo.web.NotFoundPageRenderer source: shared objects file")
            // Loaded only by a greeting and a scrape, which the training run asks for
            // after the warm-up.
            .contains("dev.loopinfo.greeting.GreetingRenderer source: shared objects file")
            .contains("io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter source: shared objects file")
            .contains("Starting AOT-processed LoopinfoApplication");
    }

    @Test
    void everySettingTheChartSetsTakesEffectInTheAotProcessedImage() throws Exception {
        int http = freePort();
        int management = freePort();
        RenderedChart chart = RenderedChart.render(template -> template.set("ports.http", http)
            .set("ports.management", management)
            .set("loopinfo.pipeline.enabled", false)
            .set("loopinfo.eventloop.probeEnabled", false)
            .set("loopinfo.greeting.delay", "1500ms")
            .set("actuator.pipelineControls", false)
            .set("testbed.controls.enabled", false));
        startAsThePod(chart, management);

        long started = System.nanoTime();
        assertThat(get(http, "/hello/x")).contains("<h1>Hello, x!</h1>");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the chart's greeting delay")
            .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(get(http, "/v3/api-docs")).as("the OpenAPI document, read from the routers' annotations")
            .contains("\"/hello/{name}\"", "\"/status/{code}\"", "\"operationId\":\"postEcho\"", "\"/ws/echo\"",
                    "\"/css/loopinfo.css\"", "\"$ref\":\"#/components/schemas/Greeting\"");
        String scrape = get(management, "/actuator/prometheus");
        assertThat(scrape).as("the pipeline off, the lag probe off")
            .containsPattern("(?m)^loopinfo_pipeline_running\\{[^}]*\\} 0\\.0$")
            .doesNotContain("loopinfo_eventloop_lag_seconds_count");
        assertThat(status(management, "POST", "/actuator/pipeline/pause")).as("the pipeline's controls read-only")
            .isBetween(400, 499);
        assertThat(status(management, "GET", "/actuator/pipeline")).as("its snapshot still readable").isEqualTo(200);
        assertThat(status(management, "POST", "/actuator/readiness/refuse")).as("readiness by hand turned off")
            .isBetween(400, 499);
        assertThat(status(management, "GET", "/actuator/health/readiness")).as("still ready").isEqualTo(200);
        assertThat(status(management, "DELETE", "/actuator/faults")).as("fault injection turned off")
            .isBetween(400, 499);
        assertThat(status(management, "GET", "/actuator/env")).as("only the endpoints the chart exposes")
            .isEqualTo(404);
    }

    /**
     * Starts the image as the chart's pod: its security context, memory limit and
     * environment, its rendered ConfigMap mounted at /config, and waits until it is ready
     * on the management port.
     */
    private Container startAsThePod(RenderedChart chart, int management) throws Exception {
        Container pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        Path config = Files.createDirectories(work.resolve("config-" + container),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(config.resolve("application.yaml"),
                chart.one(ConfigMap.class).getData().get("application.yaml"));
        Files.setPosixFilePermissions(config.resolve("application.yaml"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<String> command = runAsThePod(pod);
        command.addAll(List.of("-d", "-v", config + ":/config:ro"));
        pod.getEnv()
            .stream()
            .filter(variable -> variable.getValue() != null)
            .forEach(variable -> command.addAll(List.of("-e", variable.getName() + "=" + variable.getValue())));
        command.addAll(
                List.of("-e", "POD_NAME=loopinfo-abc12", "-e", "POD_NAMESPACE=shop", "-e", "NODE_NAME=node-7", IMAGE));
        Process start = run("run", command, Duration.ofMinutes(1));
        assertThat(start.exitValue()).as(log("run")).isZero();

        Awaitility.await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .untilAsserted(
                    () -> assertThat(get(management, "/actuator/health/readiness")).contains("\"status\":\"UP\""));
        return pod;
    }

    /**
     * {@code podman run} as the chart runs the pod: its security context, its memory
     * limit, a tmpfs /tmp.
     */
    private List<String> runAsThePod(Container pod) {
        List<String> command = new ArrayList<>(List.of("src/image/podman.sh", "run", "--name", container));
        command.addAll(securityOptions(pod.getSecurityContext()));
        command.addAll(List.of("--memory=" + memoryLimit(pod) + "b", "--tmpfs", "/tmp:rw,size=64m"));
        return command;
    }

    private static long memoryLimit(Container pod) {
        return Quantity.getAmountInBytes(pod.getResources().getLimits().get("memory")).longValueExact();
    }

    /** The container security context, as podman options. */
    private static List<String> securityOptions(SecurityContext security) {
        List<String> options = new ArrayList<>(
                List.of("--user", security.getRunAsUser() + ":" + security.getRunAsGroup()));
        if (Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
            options.add("--read-only");
        }
        if (Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            options.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        security.getCapabilities().getDrop().forEach(capability -> options.addAll(List.of("--cap-drop", capability)));
        return options;
    }

    private int status(int port, String method, String path) throws IOException, InterruptedException {
        return http
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        return http
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString())
            .body();
    }

    /** Runs a command, its output kept for {@link #log(String)} under the given name. */
    private static Process run(String name, List<String> command, Duration timeout)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(work.resolve(name + ".log").toFile())
            .start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " took longer than " + timeout);
        }
        return process;
    }

    private static String log(String name) throws IOException {
        Path file = work.resolve(name + ".log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
