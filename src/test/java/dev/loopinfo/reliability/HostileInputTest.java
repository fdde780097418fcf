package dev.loopinfo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.UriUtils;

import dev.loopinfo.support.ClientFaults;
import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.ServerTest;

/**
 * A corpus of hostile requests against every public route, sent as raw bytes (no client
 * library tidies them): markup and script injection, traversal, NUL and CRLF, malformed
 * percent-encoding and UTF-8, huge names and headers, malformed values of every header
 * the stack parses, absurd query strings. No answer may be a 5xx, none may echo markup
 * unescaped or let a header be injected, no request may log a stack trace, an error or a
 * warning (a client's fault is never one) or be counted as a 5xx, and the server must be
 * healthy afterwards.
 */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTest {

    /** Payloads that must never come back as live markup. */
    private static final List<String> MARKUP = List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
            "'><svg/onload=alert(1)>", "<iframe src=javascript:alert(1)>", "</title><script>x()</script>",
            "<style>*{display:none}</style>", "<a href=\"javascript:alert(1)\">x</a>", "<body onload=alert(1)>",
            "<math><mi xlink:href=\"javascript:alert(1)\">", "<<script>script>alert(1)<</script>/script>");

    private static final List<String> OTHER = List.of("javascript:alert(1)", "{{7*7}}", "${7*7}", "#{7*7}",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "\u0000", "a\u0000b", "\r\nSet-Cookie: injected=1",
            "%", "%G1", "%2", "😀", "Ωμέγα", "\u202Eevil", "' OR '1'='1", "x".repeat(10_000));

    /**
     * Percent-encoded bytes that are not UTF-8, or not valid escapes, sent as they are.
     */
    private static final List<String> RAW_ESCAPES = List.of("%00", "%2F", "%2e%2e%2f", "%0d%0aSet-Cookie:%20injected=1",
            "%C3%28", "%FF%FE", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%E2%82", "%25", "%253Cscript%253E", "%ZZ", "%",
            "%u003Cscript%u003E", "%3Cscript%3Ealert(1)%3C%2Fscript%3E");

    /** Malformed values of the headers that Spring or Reactor Netty parse. */
    private static final Map<String, List<String>> MALFORMED_HEADERS = Map.ofEntries(
            Map.entry("Accept-Language",
                    List.of("-", "--", "-,en", "en,-", "-;q=0.5", "en;q=x", "*;q=2", ",,,", "x".repeat(4000))),
            Map.entry("Accept-Charset", List.of("ebcdic;q=x", ";", "utf-8;q=2", "\u0001")),
            Map.entry("Accept-Encoding", List.of("gzip;q=abc", ",", "br;q=-1", "identity;q=0, *;q=0")),
            Map.entry("If-Modified-Since",
                    List.of("yesterday", "Thu, 01 Jan 1970", "-1", "Mon, 99 Foo 9999 99:99:99 GMT")),
            Map.entry("If-Unmodified-Since", List.of("never", "0")),
            Map.entry("If-None-Match", List.of("\"unterminated", "W/", "*, \"a\"", "\"" + "a".repeat(4000))),
            Map.entry("If-Match", List.of("\"unterminated", "W/\"x")),
            Map.entry("Range",
                    List.of("bytes=abc", "bytes=5-1", "bytes=-", "bytes=" + "0-0,".repeat(500), "lines=1-2")),
            Map.entry("If-Range", List.of("garbage")),
            Map.entry("Content-Type", List.of(";;;", "text/", "application/json; charset=nope", "/")),
            Map.entry("Origin", List.of("null", "http://", "javascript:alert(1)")),
            Map.entry("Access-Control-Request-Method", List.of("", "G E T")),
            Map.entry("Cookie", List.of("=;=", "a", ";;;")),
            Map.entry("Forwarded", List.of("for=", "proto=javascript;host=<script>", ";;;")),
            Map.entry("X-Forwarded-Host", List.of("<script>alert(1)</script>", ":::")),
            Map.entry("X-Forwarded-Proto", List.of("javascript", "")),
            Map.entry("X-Forwarded-Port", List.of("-1", "99999", "abc")),
            Map.entry("X-Forwarded-Prefix", List.of("//evil", "../..")),
            Map.entry("Connection", List.of("upgrade, close", ",")), Map.entry("Upgrade", List.of("websocket", "h2c")),
            Map.entry("Expect", List.of("100-continue", "nonsense")), Map.entry("TE", List.of("trailers;q=x")),
            Map.entry("Cache-Control", List.of("max-age=-1", "no-cache=\"")));

    private static final List<String> PAGES = List.of("GET /", "GET /hello/Ada", "GET /hello?name=Ada", "GET /lessons",
            "GET /lessons/nope", "GET /pipeline", "GET /api/pipeline", "GET /css/loopinfo.css", "GET /nowhere",
            "POST /api/pipeline/runs?count=1");

    private static final List<String> ROUTES = List.of("GET /hello/%s", "GET /hello?name=%s", "GET /lessons/%s",
            "POST /api/pipeline/runs?count=%s", "GET /pipeline?view=%s", "GET /delay/%s", "PUT /status/%s", "GET /%s");

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Test
    void noHostileRequestGetsA5xxOrEchoesMarkupOrInjectsAHeader(CapturedOutput log) throws Exception {
        double serverErrors = ClientFaults.serverErrorsCounted(registry);
        List<String> requests = corpus();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(300);

        ExecutorService senders = Executors.newFixedThreadPool(32);
        try {
            List<Future<String>> problems = new ArrayList<>();
            for (String request : requests) {
                problems.add(senders.submit(() -> problem(request)));
            }
            List<String> found = new ArrayList<>();
            for (Future<String> problem : problems) {
                String description = problem.get(60, TimeUnit.SECONDS);
                if (description != null) {
                    found.add(description);
                }
            }
            assertThat(found).isEmpty();
        }
        finally {
            senders.shutdownNow();
        }

        assertThat(send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200")
            .contains("<h1>Index</h1>");
        assertThat(send("GET /hello/Ada HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
            .startsWith("HTTP/1.1 200")
            .contains("<h1>Hello, Ada!</h1>");
        // One line per event: no stack trace, no error. loopinfo's own leaks are tested
        // where they were found (EchoWebSocketTest, StrictWebSocketTest).
        assertThat(ClientFaults.loudLines(log.getAll())).isEmpty();
        assertThat(ClientFaults.serverErrorsCounted(registry)).as("5xx counted in http_server_requests_seconds")
            .isEqualTo(serverErrors);
    }

    private List<String> corpus() {
        List<String> requests = new ArrayList<>();
        List<String> encoded = new ArrayList<>();
        for (String payload : concat(MARKUP, OTHER)) {
            encoded.add(UriUtils.encode(payload, StandardCharsets.UTF_8));
        }
        encoded.addAll(RAW_ESCAPES);
        for (String route : ROUTES) {
            for (String target : encoded) {
                requests.add(request(String.format(route, target), ""));
            }
        }
        // Raw, unencoded markup and spaces in the request line: refused before any route
        // runs.
        for (String payload : MARKUP) {
            requests.add(request("GET /hello/" + payload.replace("\r", "").replace("\n", ""), ""));
        }
        String huge = "x".repeat(1_048_576);
        requests.add(request("GET /hello/" + huge, ""));
        requests.add(request("GET /hello?name=" + huge, ""));
        requests.add(request("GET /hello/Ada", "X-Big: " + "y".repeat(20_000) + "\r\n"));
        requests.add(request("GET /hello/Ada", "X-Many: 1\r\n".repeat(500)));
        requests.add(request("GET /hello/Ada?" + "a=1&".repeat(5_000), ""));
        requests.add(request("GET /hello/Ada?" + "k".repeat(3_000) + "=v", ""));
        requests.add(request("GET /?%ZZ=%ZZ", ""));
        for (String accept : List.of("*/*;q=abc", "text/html;q=2", "application/json;;;", "*/*, " + "a/b, ".repeat(200),
                "\u0001\u0002", "text/event-stream", "image/png", "application/xml", "text/plain;charset=ebcdic",
                "application/json;q=0", ";", "text/html;level=1;q=0.5, application/*;q=0.6", "x".repeat(4000))) {
            for (String path : List.of("/", "/hello/Ada%3Cb%3E", "/nowhere", "/lessons/nope", "/api/pipeline")) {
                requests.add(request("GET " + path, "Accept: " + accept + "\r\n"));
            }
        }
        MALFORMED_HEADERS.forEach((header, values) -> {
            for (String value : values) {
                for (String page : PAGES) {
                    requests.add(request(page, header + ": " + value + "\r\n"));
                }
            }
        });
        // The test bed: waits and statuses out of range, too long to read, or not numbers
        // at all.
        for (String seconds : List.of("-1", "-0.5", "61", "1e9", "99999999999", "1" + "0".repeat(1_000),
                "0." + "1".repeat(1_000), "%2e%2e", "..", "NaN", "Infinity", "0x1", "1_000", "+1")) {
            requests.add(request("GET /delay/" + seconds, ""));
        }
        for (String code : List.of("5" + "0".repeat(1_000), "-500", "1000", "99", "600", "%2e%2e", "..", "5e2", "+500",
                "500.0", "0x1F4")) {
            requests.add(request("DELETE /status/" + code, ""));
        }
        // /echo: markup sent as every active type comes back as text only; bodies around
        // the limit; broken lengths.
        for (String markup : MARKUP) {
            for (String type : List.of("text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript",
                    "text/xml; charset=UTF-8", "TEXT/HTML", "text/html;x=\"text/plain\"")) {
                byte[] body = markup.getBytes(StandardCharsets.UTF_8);
                requests
                    .add(request("PUT /echo", "Content-Type: " + type + "\r\nContent-Length: " + body.length + "\r\n")
                            + markup);
            }
        }
        int limit = 1024 * 1024;
        requests.add(request("POST /echo", "Content-Length: " + limit + "\r\n") + "e".repeat(limit));
        requests.add(request("POST /echo", "Content-Length: " + (limit + 1) + "\r\n") + "e".repeat(limit + 1));
        requests
            .add(request("POST /echo", "Transfer-Encoding: chunked\r\n") + "10\r\n" + "e".repeat(16) + "\r\nzz\r\n");
        requests.add(request("POST /echo", "Transfer-Encoding: chunked\r\n") + "zz\r\n");
        // Chunked past the limit: the echo has started, so it is cut off, quietly.
        requests.add(request("POST /echo", "Transfer-Encoding: chunked\r\n")
                + ("10000\r\n" + "e".repeat(65_536) + "\r\n").repeat(17) + "0\r\n\r\n");
        requests.add(request("PUT /status/200", "Transfer-Encoding: chunked\r\n") + "10\r\n" + "e".repeat(16)
                + "\r\nzz\r\n");
        // Pipelined behind a slow answer: a refusal comes after it.
        requests.add("GET /delay/0.1 HTTP/1.1\r\nHost: localhost\r\n\r\nGET / HTTP/1.1\r\n\r\n");
        requests.add("GET /delay/0.1 HTTP/1.1\r\nHost: localhost\r\n\r\nGET / HTTP/2.0\r\nHost: localhost\r\n\r\n");
        requests.add(request("POST /echo", "Content-Length: -1\r\n"));
        requests.add(request("POST /echo", "Content-Length: 3\r\nContent-Length: 4\r\n") + "abcd");
        // /ws/echo: frames a server must refuse (RFC 6455), sent with the handshake
        // instead of after its answer, which the RFC forbids too; EchoWebSocketTest sends
        // each after the answer.
        String handshake = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n";
        for (String frame : List.of("\u0081\u0002hi", "\u0083\u0080abcd", "\u00f1\u0080abcd",
                "\u0089\u00fe\u00ff\u00ffabcd", "\u0008\u0080abcd",
                "\u0082\u00ff\u007f\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ffabcd")) {
            requests.add("GET /ws/echo HTTP/1.1\r\nHost: localhost\r\n" + handshake + "\r\n" + frame);
        }
        for (String version : List.of("", "14", "99", "13, 8", "abc", "8")) {
            requests.add(request("GET /ws/echo", "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + (version.isEmpty() ? "" : "Sec-WebSocket-Version: " + version + "\r\n")));
        }
        requests.add(request("TRACE /hello/Ada", ""));
        requests.add(request("DELETE /api/pipeline", ""));
        requests.add(request("GET /hello/Ada", "Content-Length: 5\r\n") + "12345");
        requests.add(request("POST /api/pipeline/runs?count=5", "Transfer-Encoding: chunked\r\n") + "zz\r\n");
        return requests;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String request(String requestLine, String headers) {
        return requestLine + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n";
    }

    /** What is wrong with the answer to one request, or null. */
    private String problem(String request) throws IOException {
        String response = send(request);
        String summary = request.lines()
            .findFirst()
            .orElse("")
            .substring(0, Math.min(120, request.lines().findFirst().orElse("").length()));
        if (response.isEmpty()) {
            // The connection was closed without an answer: refused, not a server error
            return null;
        }
        String status = response.substring(0, Math.min(12, response.length()));
        if (!status.matches("HTTP/1\\.1 [1-4]\\d\\d")) {
            return summary + " → " + status;
        }
        int bodyStart = response.indexOf("\r\n\r\n");
        String head = bodyStart < 0 ? response : response.substring(0, bodyStart);
        String body = bodyStart < 0 ? "" : response.substring(bodyStart);
        if (head.lines().anyMatch(line -> line.toLowerCase().startsWith("set-cookie:"))) {
            return summary + " → header injected: " + head;
        }
        if ((summary.startsWith("PUT /echo") || summary.startsWith("POST /echo")) && status.endsWith(" 200")) {
            // Echo sends markup back by design; what matters is that no browser would run
            // it. (Its refusals are error pages, held to the markup rule below.)
            return head.toLowerCase()
                .lines()
                .filter(line -> line.startsWith("content-type:"))
                .anyMatch(line -> line.contains("html") || line.contains("xml") || line.contains("svg")
                        || line.contains("javascript")) ? summary + " → echoed as active content: " + head : null;
        }
        for (String markup : MARKUP) {
            if (body.contains(markup)) {
                return summary + " → echoed " + markup;
            }
        }
        return null;
    }

    private String send(String request) throws IOException {
        try {
            return RawHttp.exchange(port, request);
        }
        catch (IOException resetWhileSending) {
            // The server may close before reading a huge request: that is a refusal, not
            // an answer.
            return resetWhileSending instanceof SocketTimeoutException ? "timeout" : "";
        }
    }

}
