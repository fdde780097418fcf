package dev.loopinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;

import dev.loopinfo.support.ServerTest;

/**
 * Text answers above {@code server.compression.min-response-size} go gzipped to a client
 * that accepts it, and decompress to the very bytes sent to one that does not; smaller
 * answers and live event streams go as they are.
 */
@ServerTest
class CompressionTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aLargeTextAnswerIsGzippedForAClientThatAcceptsIt() {
        HttpResponse<byte[]> plain = get(port, "/v3/api-docs", "identity");
        HttpResponse<byte[]> gzipped = get(port, "/v3/api-docs", "gzip, deflate, br");

        assertCompressed(plain, gzipped);
        assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
    }

    @Test
    void aScrapeIsGzippedForPrometheusAsWell() {
        HttpResponse<byte[]> plain = get(managementPort, "/actuator/prometheus", "identity");
        HttpResponse<byte[]> gzipped = get(managementPort, "/actuator/prometheus", "gzip");

        assertCompressed(plain, gzipped);
        // A scrape's figures move between two requests; its series do not.
        assertThat(new String(gunzip(gzipped.body()), StandardCharsets.UTF_8)).contains("# HELP loopinfo_");
    }

    private static void assertCompressed(HttpResponse<byte[]> plain, HttpResponse<byte[]> gzipped) {
        assertThat(plain.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).isEmpty();
        assertThat(gzipped.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).hasValue("gzip");
        assertThat(gzipped.headers().allValues(HttpHeaders.VARY)).contains(HttpHeaders.ACCEPT_ENCODING);
        assertThat(plain.headers().allValues(HttpHeaders.VARY)).contains(HttpHeaders.ACCEPT_ENCODING);
        assertThat(gzipped.body()).hasSizeLessThan(plain.body().length / 2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/pipeline", "/loops", "/lessons", "/css/loopinfo.css" })
    void aPageBelowTheThresholdGoesAsItIsButSaysItCouldVary(String path) {
        HttpResponse<byte[]> page = get(port, path, "gzip");

        assertThat(page.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).isEmpty();
        assertThat(page.headers().firstValueAsLong(HttpHeaders.CONTENT_LENGTH)).hasValue(page.body().length);
        assertThat(page.headers().allValues(HttpHeaders.VARY)).contains(HttpHeaders.ACCEPT_ENCODING);
    }

    @Test
    void liveEventsAreNeverCompressedSoEachLeavesAtOnce() throws Exception {
        HttpResponse<InputStream> events = http
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/loops/events"))
                .header(HttpHeaders.ACCEPT_ENCODING, "gzip")
                .build(), BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
            assertThat(events.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).isEmpty();
            // Plain text as it comes: the stream's opening (how soon to reconnect), then
            // its first event.
            assertThat(lines.readLine()).isEqualTo("retry:1000");
            assertThat(lines.readLine()).isEqualTo(":open");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).matches("id:[0-9a-z]+-0");
            assertThat(lines.readLine()).isEqualTo("event:loops");
        }
    }

    /**
     * The answer's bytes as they came: the JDK's client, since the test's
     * {@code WebTestClient} asks for gzip and decompresses what comes.
     */
    private HttpResponse<byte[]> get(int port, String path, String acceptEncoding) {
        try {
            HttpResponse<byte[]> response = http
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header(HttpHeaders.ACCEPT_ENCODING, acceptEncoding)
                    .build(), BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
