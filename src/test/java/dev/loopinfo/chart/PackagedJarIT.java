package dev.loopinfo.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packaged jar, whose libraries the image's layers carry too, holds no HTTP/3 codec
 * and no QUIC natives: loopinfo serves HTTP/1.1, and Reactor Netty offers HTTP/3 only
 * when it finds them. Its manifest allows the native access Netty's transport needs, so
 * that {@code java -jar} on Java 22 and later does not warn.
 */
class PackagedJarIT {

    @Test
    void theJarCarriesNoHttp3CodecOrQuicNatives() throws IOException {
        Path jar;
        try (Stream<Path> built = Files.list(Path.of("target"))) {
            jar = built.filter(file -> file.getFileName().toString().matches("loopinfo-.*\\.jar"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no packaged jar in target/"));
        }
        try (JarFile packaged = new JarFile(jar.toFile())) {
            List<String> libraries = packaged.stream()
                .map(JarEntry::getName)
                .filter(name -> name.startsWith("BOOT-INF/lib/"))
                .toList();
            assertThat(libraries).anyMatch(name -> name.contains("reactor-netty-http"))
                .noneMatch(name -> name.contains("netty-codec-http3") || name.contains("quic"));
            assertThat(packaged.getManifest().getMainAttributes().getValue("Enable-Native-Access"))
                .isEqualTo("ALL-UNNAMED");
        }
    }

}
