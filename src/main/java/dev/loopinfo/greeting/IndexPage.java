package dev.loopinfo.greeting;

/**
 * The index page, in HTML or JSON.
 *
 * @param heading always {@code Index}
 * @param version the application version
 * @param host the pod (or host) name
 * @param node the Kubernetes node, or empty
 * @param namespace the Kubernetes namespace, or empty
 * @param thread the event-loop thread that served this request
 */
public record IndexPage(String heading, String version, String host, String node, String namespace,
        String thread) {
}
