// A second floor for loopinfo: the least a Spring Boot WebFlux application does to serve the same two pages —
// functional routes answering the same bytes, captured from loopinfo, with the same headers and the same
// 500 ms non-blocking wait, on the same Spring Boot, Netty and Reactor versions (loopinfo's own classpath).
// No templates, no content negotiation, no filters, no error pages, no Actuator, no metrics. What separates
// loopinfo from it is loopinfo's own work; what separates it from BareServer is the framework.
//
//   java -cp "$(cat target/bench/classpath.txt)" bench/WebFluxServer.java PORT INDEX_FILE GREETING_FILE [WAIT_MS]
//
// WAIT_MS (500 unless given) lets bench/held.sh hold greetings for as long as it needs.
// GREETING_FILE is loopinfo's page for the name BENCHNAME; each request's name replaces it, HTML-escaped.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ NettyReactiveWebServerAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
        WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class })
public class WebFluxServer {

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    public static void main(String[] args) {
        // Launched from source, this class lives in the launcher's own class loader: Spring must look there.
        Thread.currentThread().setContextClassLoader(WebFluxServer.class.getClassLoader());
        SpringApplication.run(WebFluxServer.class, "--server.port=" + args[0], "--spring.main.banner-mode=off",
                args[1], args[2], "--wait=" + ((args.length > 3) ? args[3] : "500"));
    }

    /** The pages' files are the two arguments after the port. */
    @Bean
    RouterFunction<ServerResponse> pages(ApplicationArguments arguments) throws IOException {
        byte[] index = Files.readAllBytes(Path.of(arguments.getNonOptionArgs().get(0)));
        String greeting = Files.readString(Path.of(arguments.getNonOptionArgs().get(1)));
        Duration wait = Duration.ofMillis(Long.parseLong(arguments.getOptionValues("wait").get(0)));
        return RouterFunctions.route()
            .GET("/", request -> page().bodyValue(index))
            .GET("/hello/{name}", request -> Mono.delay(wait)
                .then(page().bodyValue(greeting.replace("BENCHNAME", escape(request.pathVariable("name")))
                    .getBytes(StandardCharsets.UTF_8))))
            .build();
    }

    private static ServerResponse.BodyBuilder page() {
        return ServerResponse.ok()
            .contentType(HTML)
            .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
            .header("X-Content-Type-Options", "nosniff")
            .header("Referrer-Policy", "no-referrer");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
            .replace("'", "&#39;");
    }
}
