package dev.loopinfo.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart, linted and rendered by real Helm, checked the way a careful reviewer
 * would.
 */
class HelmChartTest {

    private static final Path VALUES = Path.of("src", "test", "resources", "chart");

    @Test
    void lintsStrictly() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    static Stream<Arguments> valueSets() {
        return Stream.of(Arguments.of("defaults", null),
                Arguments.of("everything on", VALUES.resolve("everything-on.yaml")),
                Arguments.of("ingress with TLS", VALUES.resolve("ingress-tls.yaml")),
                Arguments.of("HPA and PDB", VALUES.resolve("hpa-pdb.yaml")),
                Arguments.of("monitoring off", VALUES.resolve("monitoring-off.yaml")),
                Arguments.of("custom ports", VALUES.resolve("custom-ports.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void rendersValidKubernetesObjectsForEveryValueSet(String name, Path values) {
        RenderedChart chart = (values == null) ? RenderedChart.render() : RenderedChart.renderWith(values);

        assertThat(chart.unknownFields()).isEmpty();
        assertThat(chart.kinds()).contains("ConfigMap", "Deployment", "Service", "ServiceAccount");
        assertSelectorsMatchPods(chart);
        assertProbesUseContainerPorts(chart);
    }

    @Test
    void everythingOnRendersEveryKind() {
        RenderedChart chart = RenderedChart.renderWith(VALUES.resolve("everything-on.yaml"));

        assertThat(chart.kinds()).containsExactlyInAnyOrder("ConfigMap", "ConfigMap", "Deployment",
                "HorizontalPodAutoscaler", "HTTPRoute", "Ingress", "NetworkPolicy", "PodDisruptionBudget",
                "PrometheusRule", "Service", "ServiceAccount", "ServiceMonitor");
    }

    @Test
    void theWalkCatchesAMisspeltFieldAndAnUnknownKind() {
        RenderedChart misspelt = RenderedChart.of("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec:
                  selector:
                    matchLabels: {app: typo}
                  template:
                    metadata:
                      labels: {app: typo}
                    spec:
                      contianers:
                        - name: app
                          image: app
                ---
                apiVersion: apps/v1
                kind: Deploymnet
                metadata:
                  name: typo
                """);

        assertThat(misspelt.unknownFields()).anySatisfy(problem -> assertThat(problem).contains("contianers"))
            .anySatisfy(problem -> assertThat(problem).contains("unknown kind apps/v1 Deploymnet"));
    }

    @Test
    void theWalkChecksTheCustomResourcesToo() {
        RenderedChart misspelt = RenderedChart.of("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: typo
                spec:
                  endpoints:
                    - port: management
                      intervall: 15s
                """);

        assertThat(misspelt.unknownFields())
            .containsExactly("ServiceMonitor/typo: unknown field spec.endpoints.intervall");
    }

    @Test
    void theServiceMonitorScrapesANamedPortOfTheService() {
        RenderedChart chart = RenderedChart.renderWith(VALUES.resolve("everything-on.yaml"));
        Service service = chart.one(Service.class);
        GenericKubernetesResource monitor = chart.custom("ServiceMonitor");
        Map<String, Object> endpoint = endpoints(monitor).get(0);

        assertThat(service.getSpec().getPorts()).extracting(port -> port.getName())
            .contains((String) endpoint.get("port"));
        assertThat(endpoint).containsEntry("port", "management")
            .containsEntry("path", "/actuator/prometheus")
            .containsEntry("interval", "15s");
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(matchLabels(monitor));
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    }

    @Test
    void podsRunUnderTheRestrictedPodSecurityStandardByDefault() {
        PodSpec pod = RenderedChart.render().one(Deployment.class).getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).anySatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
        assertThat(RenderedChart.render().one(ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void probesAreHttpGetsOnTheManagementPort() {
        Container container = container(RenderedChart.render());

        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/startup");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(Stream.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe()))
            .allSatisfy(probe -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
    }

    @Test
    void shutdownGivesEndpointsTimeThenSpringTimeAndTheGracePeriodCoversBoth() {
        RenderedChart chart = RenderedChart.render();
        PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertThat(container.getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(5L);
        assertThat(chart.applicationYaml()).contains("timeout-per-shutdown-phase: 30s");
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(5L + 30L);
    }

    @Test
    void theDownwardApiTellsThePodItsNameNodeAndNamespace() {
        List<EnvVar> env = container(RenderedChart.render()).getEnv();

        assertThat(env).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("POD_NAME");
            assertThat(variable.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        }).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("NODE_NAME");
            assertThat(variable.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
        }).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("POD_NAMESPACE");
            assertThat(variable.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        });
    }

    @Test
    void theJvmGetsAnExplicitCollectorAndAHeapSizedFromTheLimit() {
        assertThat(RenderedChart.render().environment("JAVA_TOOL_OPTIONS"))
            .isEqualTo("-XX:+UseG1GC -XX:MaxRAMPercentage=45 -XX:+UseCompactObjectHeaders -XX:+ExitOnOutOfMemoryError");
        assertThat(RenderedChart
            .render(template -> template.set("jvm.gc", "Z")
                .set("jvm.maxRAMPercentage", "70")
                .set("jvm.extraOptions", "-Xss512k"))
            .environment("JAVA_TOOL_OPTIONS")).isEqualTo(
                    "-XX:+UseZGC -XX:MaxRAMPercentage=70 -XX:+UseCompactObjectHeaders -XX:+ExitOnOutOfMemoryError -Xss512k");
    }

    @Test
    void settingsReachSpringThroughTheConfigMap() {
        RenderedChart chart = RenderedChart
            .render(template -> template.set("loopinfo.greeting.delay", "2s").set("ports.http", "9090"));

        assertThat(chart.applicationYaml()).contains("delay: 2s", "port: 9090", "console: ecs");
        assertThat(container(chart).getEnv()).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("SPRING_CONFIG_ADDITIONAL_LOCATION");
            assertThat(variable.getValue()).isEqualTo("optional:file:/config/");
        });
        assertThat(container(chart).getPorts()).extracting(ContainerPort::getContainerPort).contains(9090);
        assertThat(RenderedChart.renderWith(VALUES.resolve("monitoring-off.yaml")).applicationYaml())
            .doesNotContain("structured");
    }

    @Test
    void everyGroupOfLoopinfoSettingsCanBeSet() {
        RenderedChart chart = RenderedChart.render(
                template -> template.set("loopinfo.http.maxConnections", "5000").set("loopinfo.lessons.sleep", "2s"));

        assertThat(chart.applicationYaml()).contains("maxConnections: 5000", "sleep: 2s");
    }

    @Test
    void thePipelineControlsCanBeTurnedOff() {
        assertThat(RenderedChart.render().applicationYaml()).doesNotContain("access:");
        assertThat(
                RenderedChart.render(template -> template.set("actuator.pipelineControls", "false")).applicationYaml())
            .containsPattern("endpoint:\\s+pipeline:\\s+access: read-only");
    }

    @Test
    void theTestBedControlsCanBeTurnedOffWithThePipelineControls() {
        String both = RenderedChart.render(
                template -> template.set("actuator.pipelineControls", "false").set("testbed.controls.enabled", "false"))
            .applicationYaml();
        assertThat(both).containsPattern("pipeline:\\s+access: read-only")
            .containsPattern("readiness:\\s+access: none")
            .containsPattern("faults:\\s+access: none");
    }

    @Test
    void aReleaseCanStartWithFaultsOn() {
        assertThat(RenderedChart.render().applicationYaml()).doesNotContain("fault");
        String faulty = RenderedChart
            .render(template -> template.set("faults.rate", 0.25)
                .set("faults.status", 503)
                .set("faults.latency", "200ms")
                .set("faults.jitter", "50ms"))
            .applicationYaml();
        assertThat(faulty).contains("faultRate: 0.25", "faultStatus: 503", "faultLatency: 200ms", "faultJitter: 50ms");
        assertThat(RenderedChart.render(template -> template.set("faults.rate", 1).set("faults.latency", "1s"))
            .applicationYaml()).contains("faultRate: 1", "faultLatency: 1s").doesNotContain("faultStatus");
    }

    @Test
    void aConfigurationChangeRollsThePodsAndNothingElseDoes() {
        String checksum = configChecksum(RenderedChart.render());

        assertThat(configChecksum(RenderedChart.render(template -> template.set("loopinfo.greeting.delay", "2s"))))
            .isNotEqualTo(checksum);
        assertThat(configChecksum(RenderedChart.render(template -> template.set("replicaCount", "2"))))
            .isEqualTo(checksum);
    }

    @Test
    void aDisruptionBudgetOnlyWhenMoreThanOnePodCanRun() {
        assertThat(RenderedChart.render().all(PodDisruptionBudget.class)).isEmpty();
        assertThat(RenderedChart.render(template -> template.set("replicaCount", "2")).all(PodDisruptionBudget.class))
            .hasSize(1);
        RenderedChart autoscaled = RenderedChart.renderWith(VALUES.resolve("hpa-pdb.yaml"));
        assertThat(autoscaled.one(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
        assertThat(autoscaled.one(HorizontalPodAutoscaler.class).getSpec().getMaxReplicas()).isEqualTo(10);
        assertThat(autoscaled.one(Deployment.class).getSpec().getReplicas()).as("the HPA owns the replicas").isNull();
    }

    @Test
    void ingressAndHttpRouteSendThePagesToTheHttpPort() {
        RenderedChart chart = RenderedChart.renderWith(VALUES.resolve("everything-on.yaml"));
        Ingress ingress = chart.one(Ingress.class);
        HTTPRoute route = chart.one(HTTPRoute.class);

        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("loopinfo-tls");
        assertThat(ingress.getSpec()
            .getRules()
            .get(0)
            .getHttp()
            .getPaths()
            .get(0)
            .getBackend()
            .getService()
            .getPort()
            .getName()).isEqualTo("http");
        assertThat(route.getSpec().getRules().get(0).getBackendRefs().get(0).getPort()).isEqualTo(80);
        assertThat(route.getSpec().getParentRefs().get(0).getName()).isEqualTo("public");
    }

    @Test
    void theNetworkPolicyOpensThePagesAndKeepsActuatorForPrometheus() {
        NetworkPolicy policy = RenderedChart.renderWith(VALUES.resolve("everything-on.yaml")).one(NetworkPolicy.class);

        assertThat(policy.getSpec().getIngress()).hasSize(2);
        assertThat(policy.getSpec().getIngress().get(0).getFrom()).isNullOrEmpty();
        assertThat(policy.getSpec().getIngress().get(0).getPorts().get(0).getPort().getStrVal()).isEqualTo("http");
        assertThat(policy.getSpec().getIngress().get(1).getPorts().get(0).getPort().getStrVal())
            .isEqualTo("management");
        assertThat(policy.getSpec().getIngress().get(1).getFrom().get(0).getNamespaceSelector().getMatchLabels())
            .containsEntry("kubernetes.io/metadata.name", "monitoring");
    }

    @Test
    void theHelmTestPodChecksThePagesAndTheTestBed() throws IOException {
        // helm-java renders manifests without hooks, so this reads the hook's template;
        // strict lint renders it.
        String testPod = Files.readString(RenderedChart.CHART.resolve("templates/tests/test-pages.yaml"));

        assertThat(testPod).contains("helm.sh/hook: test", "{{- if .Values.tests.enabled -}}",
                "wget -q -O - \"$base/\" | grep -F '<h1>Index</h1>'",
                "wget -q -O - \"$base/hello/helm\" | grep -F '<h1>Hello, helm!</h1>'",
                "wget -q -O - \"$base/status/200\" | grep -F '<h1>200 OK</h1>'",
                "wget -q -O - \"$base/delay/0\" | grep -F '<h1>Waited 0 s</h1>'",
                "wget -q -O - \"$base/headers\" | grep -iF '<code>host</code>'",
                "{{- toYaml .Values.securityContext | nindent 8 }}");
    }

    @Test
    void theNotesSayHowToReachThePagesAndTheMetrics() {
        assertThat(dryRunNotes()).contains("kubectl -n shop port-forward svc/demo-loopinfo 8080:80",
                "http://localhost:8080/pipeline", "curl http://localhost:8081/actuator/prometheus",
                "helm test demo -n shop");
    }

    private static String dryRunNotes() {
        return new Helm(RenderedChart.CHART).install()
            .withName("demo")
            .withNamespace("shop")
            .withKubeVersion("1.32.0")
            .clientOnly()
            .dryRun()
            .call()
            .getOutput();
    }

    @ParameterizedTest
    @ValueSource(strings = { "replicaCount=two", "replicas=2", "ports.http=-1", "service.port=70000",
            "logging.format=xml", "metrics.serviceMonitor.intervall=15s", "jvm.gc=CMS", "faults.rate=2",
            "faults.status=100", "faults.latency=soon", "testbed.controls.enabled=maybe" })
    void theSchemaRejectsWrongValues(String setting) {
        String[] keyValue = setting.split("=", 2);

        assertThatThrownBy(() -> RenderedChart.render(template -> template.set(keyValue[0], keyValue[1])))
            .hasMessageContaining("values don't meet the specifications of the schema");
    }

    private static void assertSelectorsMatchPods(RenderedChart chart) {
        Deployment deployment = chart.one(Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(podLabels).containsAllEntriesOf(chart.one(Service.class).getSpec().getSelector());
        chart.all(PodDisruptionBudget.class)
            .forEach(budget -> assertThat(podLabels)
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels()));
        chart.all(NetworkPolicy.class)
            .forEach(policy -> assertThat(podLabels)
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels()));
        chart.all(HorizontalPodAutoscaler.class)
            .forEach(hpa -> assertThat(hpa.getSpec().getScaleTargetRef().getName())
                .isEqualTo(deployment.getMetadata().getName()));
        deployment.getSpec()
            .getTemplate()
            .getSpec()
            .getTopologySpreadConstraints()
            .forEach(spread -> assertThat(podLabels).containsAllEntriesOf(spread.getLabelSelector().getMatchLabels()));
    }

    private static void assertProbesUseContainerPorts(RenderedChart chart) {
        Container container = container(chart);
        List<String> ports = container.getPorts().stream().map(ContainerPort::getName).toList();
        for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
                container.getReadinessProbe())) {
            assertThat(ports).contains(probe.getHttpGet().getPort().getStrVal());
        }
        Service service = chart.one(Service.class);
        service.getSpec().getPorts().forEach(port -> assertThat(ports).contains(port.getTargetPort().getStrVal()));
    }

    private static Container container(RenderedChart chart) {
        return chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static String configChecksum(RenderedChart chart) {
        return chart.one(Deployment.class)
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get("checksum/config");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> endpoints(GenericKubernetesResource monitor) {
        return (List<Map<String, Object>>) ((Map<String, Object>) monitor.getAdditionalProperties().get("spec"))
            .get("endpoints");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> matchLabels(GenericKubernetesResource monitor) {
        Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
        return (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
    }

}
