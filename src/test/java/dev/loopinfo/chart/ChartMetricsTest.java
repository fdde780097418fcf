package dev.loopinfo.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.support.RealTool;
import dev.loopinfo.support.Scrape;
import dev.loopinfo.support.ServerTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chart's dashboard and alerts ask only for metrics that the application really
 * exports, checked against a scrape of the running application in this same test run; the
 * alert rules pass {@code promtool check rules}.
 */
@ServerTest
class ChartMetricsTest {

    private static final Pattern METRIC = Pattern
        .compile("\\b(?:reactor_netty|loopinfo|http_server|jvm|process|system)_[a-z0-9_]+\\b");

    @LocalManagementPort
    int managementPort;

    @Autowired
    WebTestClient client;

    @TempDir
    Path work;

    @Test
    void theDashboardIsGrafanaJsonWithPanelsForEveryArea() throws IOException {
        JsonNode dashboard = dashboard();

        assertThat(dashboard.get("uid").asString()).isEqualTo("loopinfo-event-loop");
        List<String> titles = dashboard.get("panels")
            .valueStream()
            .map(panel -> panel.get("title").asString())
            .toList();
        assertThat(titles).contains("Event-loop lag p99, by loop", "Pending tasks, by loop", "Connections",
                "Requests per second, by route", "Errors per second, by route and status", "p99 duration, by route",
                "Messages per second, by outcome", "Heap used and max");
        assertThat(expressions(dashboard)).hasSizeGreaterThan(15);
    }

    @Test
    void everyMetricTheDashboardAndAlertsUseIsExported() throws IOException {
        client.get().uri("/hello/Grafana").exchange().expectStatus().isOk();
        client.get().uri("/nowhere").exchange().expectStatus().isNotFound();
        Set<String> exported = Scrape.of(managementPort)
            .samples()
            .map(sample -> sample.split("[{ ]", 2)[0])
            .collect(Collectors.toSet());

        Set<String> used = metricsIn(expressions(dashboard()));
        used.addAll(metricsIn(alertExpressions()));

        assertThat(used).contains("loopinfo_eventloop_lag_seconds_bucket", "reactor_netty_eventloop_pending_tasks",
                "loopinfo_pipeline_messages_total", "http_server_requests_seconds_bucket", "jvm_memory_used_bytes");
        assertThat(exported).containsAll(used);
    }

    @Test
    void theAlertRulesPassPromtool() throws IOException, InterruptedException {
        Path promtool = RealTool.require("promtool", "prometheus");
        Map<String, Object> spec = spec(prometheusRule());
        Path rules = Files.writeString(work.resolve("rules.yaml"),
                new KubernetesSerialization().asYaml(Map.of("groups", spec.get("groups"))));

        Process check = new ProcessBuilder(promtool.toString(), "check", "rules", rules.toString())
            .redirectErrorStream(true)
            .start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(report).isZero();
        assertThat(report).contains("SUCCESS: 8 rules found");
    }

    @Test
    void answersTheTestBedWasAskedForDoNotFireTheServerErrorAlert() throws IOException, InterruptedException {
        Path promtool = RealTool.require("promtool", "prometheus");
        Files.writeString(work.resolve("rules.yaml"),
                new KubernetesSerialization().asYaml(Map.of("groups", spec(prometheusRule()).get("groups"))));
        String expression = alertExpressions().stream()
            .filter(expr -> expr.contains("status=~\"5..\""))
            .findFirst()
            .orElseThrow();
        Matcher selector = Pattern.compile("namespace=\"([^\"]+)\",job=\"[^\"]+\"").matcher(expression);
        assertThat(selector.find()).as(expression).isTrue();
        String fired = """
                - exp_labels: {severity: critical, namespace: %s}
                  exp_annotations:
                    summary: loopinfo answers too many requests with 5xx
                    description: 50%% of requests in %1$s failed with 5xx.""".formatted(selector.group(1));

        // One request a second answered 200 and one answered 503, for 20 minutes: half
        // the answers are 5xx.
        assertThat(run(promtool, promtoolTest(selector.group(), "/status/{code}", " []")))
            .as("503s that /status/503 was asked for fire nothing")
            .isEmpty();
        assertThat(
                run(promtool, promtoolTest(selector.group(), "/hello/{name}", "\n" + fired.indent(10).stripTrailing())))
            .as("real 503s fire the alert")
            .isEmpty();
    }

    /**
     * A promtool rules test: {@code uri} answered 503 half the time, and the server-error
     * alerts expected.
     */
    private String promtoolTest(String selector, String uri, String expectedAlerts) {
        return """
                rule_files: [rules.yaml]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'http_server_requests_seconds_count{%1$s,uri="/",status="200"}'
                        values: '0+60x20'
                      - series: 'http_server_requests_seconds_count{%1$s,uri="%2$s",status="503"}'
                        values: '0+60x20'
                    alert_rule_test:
                      - eval_time: 15m
                        alertname: LoopinfoHttp5xxRatioHigh
                        exp_alerts:%3$s
                """.formatted(selector, uri, expectedAlerts);
    }

    /**
     * Runs {@code promtool test rules}: nothing when the test passes, promtool's report
     * of what differed otherwise.
     */
    private String run(Path promtool, String test) throws IOException, InterruptedException {
        Path file = Files.writeString(work.resolve("test.yaml"), test);
        Process process = new ProcessBuilder(promtool.toString(), "test", "rules", file.toString())
            .redirectErrorStream(true)
            .start();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return (process.exitValue() == 0) ? "" : report;
    }

    private static JsonNode dashboard() throws IOException {
        return JsonMapper.builder()
            .build()
            .readTree(Files.readString(RenderedChart.CHART.resolve("files/dashboard.json")));
    }

    private static List<String> expressions(JsonNode dashboard) {
        return dashboard.get("panels")
            .valueStream()
            .flatMap(panel -> panel.has("targets") ? panel.get("targets").valueStream() : Stream.empty())
            .map(target -> target.get("expr").asString())
            .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertExpressions() {
        List<Map<String, Object>> groups = (List<Map<String, Object>>) spec(prometheusRule()).get("groups");
        return groups.stream()
            .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
            .map(rule -> (String) rule.get("expr"))
            .toList();
    }

    private static GenericKubernetesResource prometheusRule() {
        return RenderedChart.render(template -> template.set("metrics.prometheusRule.enabled", "true"))
            .custom("PrometheusRule");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    private static Set<String> metricsIn(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }

}
