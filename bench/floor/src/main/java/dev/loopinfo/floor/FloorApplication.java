package dev.loopinfo.floor;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

import reactor.core.publisher.Mono;

/**
 * The least Spring Boot WebFlux application that does what the original lesson's server does: {@code GET /} answers
 * {@code <h1>Index</h1>}, {@code GET /hello/{name}} waits half a second without blocking and greets. Everything
 * loopinfo does beyond it is loopinfo's own weight.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class FloorApplication {

    public static void main(String[] args) {
        SpringApplication.run(FloorApplication.class, args);
    }

    @Bean
    RouterFunction<ServerResponse> pages() {
        return RouterFunctions.route()
            .GET("/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue("<h1>Index</h1>"))
            .GET("/hello/{name}", request -> Mono.delay(Duration.ofMillis(500))
                .then(ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                    .bodyValue("<h1>Hello, " + HtmlUtils.htmlEscape(request.pathVariable("name")) + "!</h1>")))
            .build();
    }
}
