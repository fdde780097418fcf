// The floor loopinfo is measured against: a bare Reactor Netty HttpServer (the same Netty and Reactor versions,
// from loopinfo's own classpath) serving the same two pages — the same bytes, captured from loopinfo, the same
// headers and the same 500 ms non-blocking wait. No Spring, no routing, no templates, no metrics.
//
//   java -cp "$(cat target/bench/classpath.txt)" bench/BareServer.java PORT INDEX_FILE GREETING_FILE
//
// GREETING_FILE is loopinfo's page for the name BENCHNAME; each request's name replaces it, HTML-escaped.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

public class BareServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] index = Files.readAllBytes(Path.of(args[1]));
        String greeting = Files.readString(Path.of(args[2]));
        HttpServer.create()
            .port(port)
            .route(routes -> routes
                .get("/", (request, response) -> page(response).sendByteArray(Mono.just(index)))
                .get("/hello/{name}", (request, response) -> Mono.delay(Duration.ofMillis(500))
                    .then(page(response).sendString(Mono.just(greeting.replace("BENCHNAME",
                            escape(request.param("name")))), StandardCharsets.UTF_8).then())))
            .bindNow()
            .onDispose()
            .block();
    }

    private static HttpServerResponse page(HttpServerResponse response) {
        return response.status(HttpResponseStatus.OK)
            .header("Content-Type", "text/html;charset=UTF-8")
            .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
            .header("X-Content-Type-Options", "nosniff")
            .header("Referrer-Policy", "no-referrer");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
            .replace("'", "&#39;");
    }
}
