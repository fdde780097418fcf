package dev.loopinfo.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A real program a test needs, such as {@code promtool}, found on the PATH. On a
 * developer's machine without it the test is skipped with a message saying what to
 * install; in CI ({@code CI=true}) it fails, because CI always installs it.
 */
public final class RealTool {

    private RealTool() {
    }

    public static Path require(String program, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        Path found = Stream.of(path.split(java.io.File.pathSeparator))
            .map(directory -> Path.of(directory, program))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
        if (found != null) {
            return found;
        }
        throw unavailable(program + " is not installed (Debian package '" + debianPackage + "'; .ci/run installs it)");
    }

    /**
     * Skips the test with the message, or fails it in CI, which always has what the test
     * needs.
     */
    public static AssertionError unavailable(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + ": CI must run this test");
        }
        abort(message + ": skipping this test");
        return new AssertionError("unreachable");
    }

}
