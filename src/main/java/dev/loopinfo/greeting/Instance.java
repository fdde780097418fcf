package dev.loopinfo.greeting;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.Environment;
import org.jspecify.annotations.Nullable;

/**
 * What the index page tells about the running instance, read once at start-up.
 *
 * @param version the application version from the build
 * @param host the pod name in Kubernetes ({@code POD_NAME}), else the host name
 * @param node the Kubernetes node ({@code NODE_NAME}), or empty outside Kubernetes
 * @param namespace the Kubernetes namespace ({@code POD_NAMESPACE}), or empty outside
 * Kubernetes
 */
record Instance(String version, String host, String node, String namespace) {

    /**
     * Reads the instance from the build and from the variables the Helm chart sets by the
     * Downward API.
     */
    static Instance of(@Nullable BuildProperties build, Environment environment) {
        String version = (build != null) ? build.getVersion() : "unknown";
        String host = environment.getProperty("POD_NAME", environment.getProperty("HOSTNAME", ""));
        return new Instance(version, host.isBlank() ? localHostName() : host, environment.getProperty("NODE_NAME", ""),
                environment.getProperty("POD_NAMESPACE", ""));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException unresolvable) {
            return "localhost";
        }
    }
}
