package dev.loopinfo.http;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

import com.sun.management.UnixOperatingSystemMXBean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The most connections the app port holds at once: {@code loopinfo.http.max-connections},
 * lowered when the process's open-file limit would not leave room beside it for the
 * management port, its probes and the JVM's own files.
 */
final class ConnectionLimit {

    /**
     * Files kept free for everything but the app port's connections: the JVM's jars and
     * the management port.
     */
    static final int RESERVED_FILES = 1_000;

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);

    private ConnectionLimit() {
    }

    static int of(int configured) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof UnixOperatingSystemMXBean unix)) {
            return configured;
        }
        return of(configured, unix.getMaxFileDescriptorCount());
    }

    static int of(int configured, long openFileLimit) {
        long room = openFileLimit - RESERVED_FILES;
        if (configured <= room) {
            return configured;
        }
        int limit = (int) Math.max(1, room);
        log.warn("loopinfo.http.max-connections {} leaves no room under the open-file limit of {}: the app port holds "
                + "at most {} connections", configured, openFileLimit, limit);
        return limit;
    }

}
