package dev.loopinfo.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image can be built from a source archive (a release tarball, a CI that exports
 * sources): the tracked files copied without {@code .git}, built with Jib as
 * {@code src/image/build.sh} builds, on an empty base so that no registry is needed. Its
 * revision label then says {@code unknown}.
 */
class SourceArchiveImageIT {

    private static final Pattern REVISION = Pattern.compile("\"org\\.opencontainers\\.image\\.revision\":\"([^\"]*)\"");

    @TempDir
    Path work;

    @Test
    void anImageBuildsOutsideAGitCheckout() throws IOException, InterruptedException {
        Path sources = Files.createDirectory(work.resolve("loopinfo-src"));
        for (String file : run(Paths.get("").toAbsolutePath(), List.of("git", "ls-files")).lines().toList()) {
            Path target = sources.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(file), target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        assertThat(sources.resolve(".git")).doesNotExist();

        run(sources,
                List.of("./mvnw", "-B", "-q", "-Dmaven.test.skip=true", "package",
                        "com.google.cloud.tools:jib-maven-plugin:3.5.2:buildTar", "-Dimage.base=scratch",
                        "-Dimage=loopinfo:archive", "-Djib.outputPaths.tar=target/image.tar"));
        Path layout = Files.createDirectory(work.resolve("layout"));
        run(layout, List.of("tar", "-xf", sources.resolve("target/image.tar").toString()));

        String revision = null;
        try (var blobs = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path blob : blobs.toList()) {
                if (Files.size(blob) < 100_000) {
                    Matcher label = REVISION.matcher(Files.readString(blob, StandardCharsets.ISO_8859_1));
                    revision = label.find() ? label.group(1) : revision;
                }
            }
        }
        assertThat(revision).as("the image config's revision label").isEqualTo("unknown");
    }

    private static String run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(String.join(" ", command) + " finishes").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

}
