package dev.loopinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.support.Management;
import dev.loopinfo.support.ServerTest;
import reactor.test.StepVerifier;

/**
 * The site's static files, served by exact path as Spring's resource handler served them,
 * and nothing else.
 */
@ServerTest
class StaticFilesTest {

    @Autowired
    WebTestClient client;

    @Autowired
    StaticFiles files;

    @LocalManagementPort
    int managementPort;

    @Test
    void everyFileUnderStaticIsFoundAtStartUp() {
        assertThat(files.paths()).containsExactlyInAnyOrder("/css/loopinfo.css", "/js/lesson.js", "/js/live.js",
                "/js/loops.js", "/js/pipeline.js", "/favicon.svg");
    }

    @Test
    void theManagementPortServesNoStaticFile() {
        WebTestClient management = Management.client(managementPort);
        for (String path : files.paths()) {
            client.get().uri(path).exchange().expectStatus().isOk();
            for (HttpMethod method : HttpMethod.values()) {
                management.method(method)
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .value(status -> assertThat(status).as(method + " " + path).isEqualTo(404));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({ "/css/loopinfo.css, text/css", "/js/pipeline.js, text/javascript", "/favicon.svg, image/svg+xml" })
    void aFileIsServedWithItsTypeAndWhenItLastChanged(String path, String type) throws IOException {
        byte[] file = new ClassPathResource("static" + path).getContentAsByteArray();

        // As a client that takes no compression gets it (CompressionTest has the gzipped
        // form).
        client.get()
            .uri(path)
            .header(HttpHeaders.ACCEPT_ENCODING, "identity")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(type)
            .expectHeader()
            .contentLength(file.length)
            .expectHeader()
            .exists(HttpHeaders.LAST_MODIFIED)
            .expectBody()
            .consumeWith(body -> assertThat(body.getResponseBody()).isNotEmpty().isEqualTo(file));
    }

    @Test
    void aBrowserThatHasTheFileIsToldItIsUnchanged() {
        ZonedDateTime lastModified = ZonedDateTime.parse(client.get()
            .uri("/css/loopinfo.css")
            .exchange()
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst(HttpHeaders.LAST_MODIFIED), DateTimeFormatter.RFC_1123_DATE_TIME);

        client.get().uri("/css/loopinfo.css").ifModifiedSince(lastModified).exchange().expectStatus().isNotModified();
        client.get()
            .uri("/css/loopinfo.css")
            .ifModifiedSince(lastModified.minusDays(1))
            .exchange()
            .expectStatus()
            .isOk();
    }

    @Test
    void aBrowserKeepsAFileButAsksAgainAndIsToldByItsTagThatItIsUnchanged() {
        HttpHeaders headers = client.get()
            .uri("/js/loops.js")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .cacheControl(CacheControl.noCache())
            .expectBody()
            .returnResult()
            .getResponseHeaders();
        String otherFile = client.get()
            .uri("/js/lesson.js")
            .exchange()
            .expectBody()
            .returnResult()
            .getResponseHeaders()
            .getETag();

        assertThat(headers.getETag()).matches("\"[0-9a-f]{32}\"").isNotEqualTo(otherFile);
        // A 304 says what its 200 would have (RFC 9110 15.4.5), so that a cache updates
        // the file it kept whole.
        client.get()
            .uri("/js/loops.js")
            .ifNoneMatch(headers.getETag())
            .exchange()
            .expectStatus()
            .isNotModified()
            .expectHeader()
            .valueEquals(HttpHeaders.ETAG, headers.getETag())
            .expectHeader()
            .cacheControl(CacheControl.noCache())
            .expectHeader()
            .values(HttpHeaders.VARY, vary -> assertThat(vary).contains(HttpHeaders.ACCEPT_ENCODING));
        client.get().uri("/js/loops.js").ifNoneMatch(otherFile).exchange().expectStatus().isOk();
    }

    @Test
    void headAnswersWithoutABodyAndOtherMethodsAreRefused() {
        client.head()
            .uri("/js/lesson.js")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith("text/javascript")
            .expectBody()
            .isEmpty();
        client.method(HttpMethod.POST)
            .uri("/js/lesson.js")
            .exchange()
            .expectStatus()
            .isEqualTo(405)
            .expectHeader()
            .valueMatches(HttpHeaders.ALLOW, ".*GET.*");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/css/nothing.css", "/css/", "/static/css/loopinfo.css", "/css/../application.yaml",
            "/templates/index.mustache", "/favicon.ico" })
    void anyOtherPathIsTheNotFoundPage(String path) {
        client.get()
            .uri(path)
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectBody(String.class)
            .value(page -> assertThat(page).contains("<h1>404 Not Found</h1>"));
        client.get()
            .uri(path)
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(404)
            .jsonPath("$.detail")
            .doesNotExist();
    }

    @Test
    void onlyTheApplicationsOwnStaticFolderIsServedNotALibrarysLaterOnTheClassPath(@TempDir Path app,
            @TempDir Path library) throws IOException {
        for (Path root : List.of(app, library)) {
            Files.createDirectories(root.resolve("static/css"));
            Files.writeString(root.resolve("static/css/site.css"), "/* " + root.getFileName() + " */");
        }
        Files.writeString(library.resolve("static/css/extra.css"), "/* library only */");
        try (URLClassLoader classPath = new URLClassLoader(new URL[] { app.toUri().toURL(), library.toUri().toURL() },
                null)) {
            StaticFiles found = StaticFiles.of(new PathMatchingResourcePatternResolver(classPath));

            assertThat(found.paths()).containsExactly("/css/site.css");
            StepVerifier.create(found.lookup(MockServerRequest.builder().uri(URI.create("/css/site.css")).build()))
                .assertNext(file -> assertThat(read(file)).isEqualTo("/* " + app.getFileName() + " */"))
                .verifyComplete();
        }
    }

    private static String read(Resource file) {
        try {
            return file.getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
