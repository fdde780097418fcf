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
 */
public record Instance(String version, String host) {

    static Instance of(@Nullable BuildProperties build, Environment environment) {
        String version = (build != null) ? build.getVersion() : "unknown";
        String host = environment.getProperty("POD_NAME", environment.getProperty("HOSTNAME", ""));
        return new Instance(version, host.isBlank() ? localHostName() : host);
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
