package dev.loopinfo.greeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.support.Pages;
import dev.loopinfo.support.ServerTest;

@ServerTest
class GreetingRoutesTest {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Test
    void indexIsAPageWithTheOriginalHeadingTheVersionHostAndServingThread() {
        String body = client.get()
            .uri("/")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(Pages.HTML)
            .expectHeader()
            .cacheControl(CacheControl.noCache())
            .expectHeader()
            .values(HttpHeaders.VARY, vary -> assertThat(vary).contains(HttpHeaders.ACCEPT))
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(body).contains("<h1>Index</h1>", "<html lang=\"en\">", "<title>Index · loopinfo</title>")
            .containsPattern("<dt>Version</dt><dd>\\d+\\.\\d+\\.\\d+[^<]*</dd>")
            .containsPattern("<dt>Host</dt><dd>[^<]+</dd>")
            .containsPattern("<code>" + Pages.EVENT_LOOP_THREAD + "</code>")
            .contains("<form class=\"greet\" action=\"/hello\" method=\"get\">", "<label for=\"name\">");
    }

    @Test
    void indexAnswersJsonWhenTheClientPrefersIt() {
        client.get()
            .uri("/")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.APPLICATION_JSON)
            .expectHeader()
            .cacheControl(CacheControl.noCache())
            .expectHeader()
            .values(HttpHeaders.VARY, vary -> assertThat(vary).contains(HttpHeaders.ACCEPT))
            .expectBody()
            .jsonPath("$.heading")
            .isEqualTo("Index")
            .jsonPath("$.version")
            .value(String.class, version -> assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*"))
            .jsonPath("$.host")
            .value(String.class, host -> assertThat(host).isNotBlank())
            .jsonPath("$.thread")
            .value(String.class, thread -> assertThat(thread).matches(Pages.EVENT_LOOP_THREAD));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "*/*                                     | text/html;charset=UTF-8",
                    "text/html,application/xhtml+xml,*/*;q=0.8 | text/html;charset=UTF-8",
                    "text/html, application/json             | text/html;charset=UTF-8",
                    "application/json, text/plain, */*       | application/json",
                    "text/html;q=0.5, application/json       | application/json",
                    "application/*                           | application/json" })
    void negotiatesByWhatTheClientPrefersWithHtmlAsTheDefault(String accept, String expected) {
        client.get()
            .uri("/hello/Ada")
            .header("Accept", accept)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "not a media type;;;", "text/html;q=x" })
    void anUnreadableAcceptHeaderIsABadRequest(String accept) {
        String body = client.get()
            .uri("/hello/Ada")
            .header("Accept", accept)
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(Pages.HTML)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        assertThat(body).contains("The Accept header is not valid");
    }

    @Test
    void anAcceptHeaderListingTooManyTypesIsABadRequestEvenForStaticFiles() {
        client.get()
            .uri("/css/loopinfo.css")
            .header("Accept", "text/css, " + "a/b, ".repeat(60) + "*/*")
            .exchange()
            .expectStatus()
            .isBadRequest();
    }

    @Test
    void noAcceptHeaderGetsHtml() {
        client.get()
            .uri("/")
            .headers(headers -> headers.remove("Accept"))
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(Pages.HTML);
    }

    @Test
    void greetingPageShowsTheNameAndTheThreadsAroundTheWait() {
        String body = Pages.page(client, "/hello/Ada");

        assertThat(body)
            .contains("<h1>Hello, Ada!</h1>", "<title>Hello, Ada! · loopinfo</title>",
                    "<dd>500 ms, holding no thread</dd>")
            .containsPattern("<dt>Received on</dt><dd><code>" + Pages.EVENT_LOOP_THREAD + "</code>")
            .containsPattern("<dt>Resumed on</dt><dd><code>parallel-\\d+</code>");
    }

    @Test
    void greetingAnswersJsonWhenTheClientPrefersIt() {
        client.get()
            .uri("/hello/Ada")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.APPLICATION_JSON)
            .expectBody()
            .jsonPath("$.greeting")
            .isEqualTo("Hello, Ada!")
            .jsonPath("$.name")
            .isEqualTo("Ada")
            .jsonPath("$.delayMillis")
            .isEqualTo(500)
            .jsonPath("$.receivedOn")
            .value(String.class, thread -> assertThat(thread).matches(Pages.EVENT_LOOP_THREAD))
            .jsonPath("$.resumedOn")
            .value(String.class, thread -> assertThat(thread).matches("parallel-\\d+"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E | &lt;script&gt;alert(1)&lt;/script&gt; | <script>alert(1)</script>",
            "%22                                 | &quot;                                 | `\"`",
            "%27                                 | &#x27;                                 | '",
            "%26                                 | &amp;                                  | &",
            "Jos%C3%A9                           | José                                   | José",
            "%E5%BC%A0%E4%B8%89                  | 张三                                   | 张三",
            "%F0%9F%98%80                        | 😀                                     | 😀",
            "a%2Fb                               | a/b                                    | a/b",
            "%20%09Ada%20Lovelace%20             | Ada Lovelace                           | Ada Lovelace" })
    void namesAreDecodedTrimmedAndEscapedExactly(String path, String html, String json) {
        String body = client.get()
            .uri(raw("/hello/" + path))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        assertThat(body).contains("<h1>Hello, " + html + "!</h1>").doesNotContain("<script>");

        client.get()
            .uri(raw("/hello/" + path))
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.name")
            .isEqualTo(json)
            .jsonPath("$.greeting")
            .isEqualTo("Hello, " + json + "!");
    }

    @Test
    void aNameMayBeExactlyTheMaximumLengthCountedInCodePoints() {
        client.get().uri(raw("/hello/" + "x".repeat(64))).exchange().expectStatus().isOk();
        client.get().uri(raw("/hello/" + "%F0%9F%98%80".repeat(64))).exchange().expectStatus().isOk();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "/hello/                   | The name is empty.",
                    "/hello/%20%20             | The name is empty.", "/hello?name=              | The name is empty.",
                    "/hello                    | The name is empty.",
                    "/hello/%C3%28             | The name is not valid percent-encoded UTF-8.",
                    "/hello/%FF                | The name is not valid percent-encoded UTF-8.",
                    "/hello/%ED%A0%80          | The name is not valid percent-encoded UTF-8.",
                    "/hello?name=%C3           | The name is not valid percent-encoded UTF-8." })
    void badNamesAreRefusedWithTheRule(String path, String problem) {
        String rule = "A name is 1 to 64 characters of percent-encoded UTF-8; surrounding whitespace is trimmed.";
        String body = client.get()
            .uri(raw(path))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(Pages.HTML)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        assertThat(body).contains("<h1>400 Bad Request</h1>", "<p class=\"problem\">" + problem + " " + rule + "</p>");

        client.get()
            .uri(raw(path))
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(400)
            .jsonPath("$.detail")
            .isEqualTo(problem + " " + rule);
    }

    @ParameterizedTest
    @ValueSource(strings = { "x", "%F0%9F%98%80" })
    void tooLongNamesAreRefusedWithTheirLength(String character) {
        client.get()
            .uri(raw("/hello/" + character.repeat(65)))
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("The name is 65 characters long. A name is 1 to 64 characters "
                    + "of percent-encoded UTF-8; surrounding whitespace is trimmed.");
    }

    @Test
    void tooLongNamesShowTheirLengthEscapedNeverTheName() {
        String body = client.get()
            .uri(raw("/hello/%3Cb%3E" + "x".repeat(100)))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        assertThat(body).contains("The name is 103 characters long.").doesNotContain("<b>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "name=Ada                | /hello/Ada", "name=Ada+Lovelace       | /hello/Ada%20Lovelace",
                    "name=%20Ada%20          | /hello/Ada", "name=a%2Fb%3F%23        | /hello/a%2Fb%3F%23",
                    "name=%3Cb%3E%22         | /hello/%3Cb%3E%22", "name=Jos%C3%A9          | /hello/Jos%C3%A9",
                    "name=1%2B1              | /hello/1%2B1" })
    void theIndexFormRedirectsToTheGreetingWithTheNameEncoded(String query, String location) {
        client.get()
            .uri(raw("/hello?" + query))
            .exchange()
            .expectStatus()
            .isSeeOther()
            .expectHeader()
            .location(location);
    }

    @Test
    void theRedirectLeadsToTheGreetingOfTheSameName() {
        String location = client.get()
            .uri(raw("/hello?name=Jos%C3%A9+%26+Ada"))
            .exchange()
            .expectStatus()
            .isSeeOther()
            .returnResult(String.class)
            .getResponseHeaders()
            .getLocation()
            .toString();
        client.get()
            .uri(raw(location))
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectBody()
            .jsonPath("$.name")
            .isEqualTo("José & Ada");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/hello/Ada", "/css/loopinfo.css" })
    void headAnswersWhereverGetDoesWithoutABody(String path) {
        client.head().uri(path).exchange().expectStatus().isOk().expectBody().isEmpty();
    }

    @Test
    void unknownPathsGetANotFoundPageInTheSiteLook() {
        String body = client.get()
            .uri("/no/such/page")
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(Pages.HTML)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        assertThat(body).contains("<h1>404 Not Found</h1>", "Nothing is served at <code>/no/such/page</code>.",
                "/css/loopinfo.css");
    }

    @Test
    void unknownPathsGetJsonWhenTheClientPrefersIt() {
        client.get()
            .uri("/no/such/page")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type")
            .doesNotExist() // about:blank
            .jsonPath("$.title")
            .isEqualTo("Not Found")
            .jsonPath("$.status")
            .isEqualTo(404)
            .jsonPath("$.instance")
            .isEqualTo("/no/such/page")
            .jsonPath("$.detail")
            .doesNotExist()
            .jsonPath("$.trace")
            .doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({ "POST, /", "PUT, /hello/Ada", "DELETE, /hello/Ada", "PATCH, /hello", "POST, /hello/" })
    void wrongMethodsGetMethodNotAllowedWithAllow(String method, String path) {
        String body = client.method(HttpMethod.valueOf(method))
            .uri(path)
            .exchange()
            .expectStatus()
            .isEqualTo(405)
            .expectHeader()
            .valueEquals("Allow", "GET,HEAD,OPTIONS")
            .expectHeader()
            .contentType(Pages.HTML)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        assertThat(body).contains("<h1>405 Method Not Allowed</h1>",
                "Request method &#x27;" + method + "&#x27; is not supported.");

        client.method(HttpMethod.valueOf(method))
            .uri(path)
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isEqualTo(405)
            .expectHeader()
            .valueEquals("Allow", "GET,HEAD,OPTIONS")
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(405);
    }

    @Test
    void optionsListsTheAllowedMethods() {
        client.options()
            .uri("/hello/Ada")
            .exchange()
            .expectStatus()
            .isNoContent()
            .expectHeader()
            .valueEquals("Allow", "GET,HEAD,OPTIONS");
    }

    /**
     * A URI sent exactly as written: percent-escapes in the path are not encoded again.
     */
    private URI raw(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

}
