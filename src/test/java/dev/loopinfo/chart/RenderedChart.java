package dev.loopinfo.chart;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The chart rendered by real Helm (in-process, offline), read into fabric8's Kubernetes
 * models. Fabric8 keeps fields it does not know in {@code additionalProperties} instead
 * of failing, and kinds it does not know as {@link GenericKubernetesResource};
 * {@link #unknownFields} reports both, so a typo in a template is caught.
 */
record RenderedChart(String yaml, List<HasMetadata> objects) {

    static final Path CHART = Path.of("helm", "loopinfo");

    /**
     * Custom resources without a fabric8 model, checked field by field against what the
     * chart may write.
     */
    private static final Map<String, Set<String>> CUSTOM_RESOURCE_FIELDS = Map.of("ServiceMonitor",
            Set.of("apiVersion", "kind", "metadata", "spec", "spec.selector", "spec.namespaceSelector",
                    "spec.endpoints", "spec.endpoints.port", "spec.endpoints.path", "spec.endpoints.interval",
                    "spec.endpoints.scrapeTimeout", "spec.selector.matchLabels", "spec.namespaceSelector.matchNames"),
            "PrometheusRule",
            Set.of("apiVersion", "kind", "metadata", "spec", "spec.groups", "spec.groups.name", "spec.groups.rules",
                    "spec.groups.rules.alert", "spec.groups.rules.expr", "spec.groups.rules.for",
                    "spec.groups.rules.labels", "spec.groups.rules.annotations"));

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /**
     * Renders the chart as release {@code demo} in namespace {@code shop}, with the given
     * values.
     */
    static RenderedChart render(Consumer<TemplateCommand> values) {
        TemplateCommand template = new Helm(CHART).template()
            .withName("demo")
            .withNamespace("shop")
            .withKubeVersion("1.32.0");
        values.accept(template);
        return of(template.call());
    }

    static RenderedChart render() {
        return render(template -> {
        });
    }

    static RenderedChart renderWith(Path valuesFile) {
        return render(template -> template.withValuesFile(valuesFile));
    }

    static RenderedChart of(String yaml) {
        List<HasMetadata> objects = Stream.of(yaml.split("(?m)^---\\s*$"))
            .filter(document -> document.lines().anyMatch(line -> line.startsWith("kind:")))
            .map(document -> (HasMetadata) SERIALIZATION.unmarshal(document))
            .toList();
        return new RenderedChart(yaml, objects);
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    /**
     * The value the Deployment's container gets for an environment variable with a
     * literal value.
     */
    String environment(String name) {
        return one(Deployment.class).getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnv()
            .stream()
            .filter(variable -> variable.getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no environment variable " + name))
            .getValue();
    }

    /** The application.yaml the chart gives the pod, from its ConfigMap. */
    String applicationYaml() {
        return all(ConfigMap.class).stream()
            .filter(map -> map.getData().containsKey("application.yaml"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ConfigMap with an application.yaml"))
            .getData()
            .get("application.yaml");
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    GenericKubernetesResource custom(String kind) {
        return objects.stream()
            .filter(object -> object instanceof GenericKubernetesResource && kind.equals(object.getKind()))
            .map(GenericKubernetesResource.class::cast)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind + " rendered"));
    }

    List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).sorted().toList();
    }

    /**
     * Every field a model did not recognise, and every kind without a model that the
     * chart is not known to use.
     */
    List<String> unknownFields() {
        List<String> problems = new ArrayList<>();
        for (HasMetadata object : objects) {
            String where = object.getKind() + "/" + object.getMetadata().getName();
            if (object instanceof GenericKubernetesResource custom) {
                Set<String> allowed = CUSTOM_RESOURCE_FIELDS.get(custom.getKind());
                if (allowed == null) {
                    problems.add(where + ": unknown kind " + custom.getApiVersion() + " " + custom.getKind());
                }
                else {
                    walkCustom(where, "", custom.getAdditionalProperties(), allowed, problems);
                }
            }
            else {
                walkModel(where, object, problems);
            }
        }
        return problems;
    }

    private static void walkModel(String path, Object value, List<String> problems) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walkModel(path + "[" + index++ + "]", item, problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> walkModel(path + "." + key, item, problems));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            }
            else {
                walkModel(path + "." + getter.getName().substring(3), field, problems);
            }
        }
    }

    private static void walkCustom(String where, String path, Object value, Set<String> allowed,
            List<String> problems) {
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> {
                String field = path.isEmpty() ? key.toString() : path + "." + key;
                if (path.startsWith("metadata") || path.endsWith("labels") || path.endsWith("annotations")
                        || path.endsWith("matchLabels")) {
                    return;
                }
                if (!allowed.contains(field)) {
                    problems.add(where + ": unknown field " + field);
                    return;
                }
                walkCustom(where, field, item, allowed, problems);
            });
        }
        else if (value instanceof Collection<?> items) {
            items.forEach(item -> walkCustom(where, path, item, allowed, problems));
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        }
        catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException("Cannot read " + getter, ex);
        }
    }
}
