package dev.loopinfo.greeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;

/**
 * The index each thread serves is rendered once and then answered as its bytes: every
 * answer names the thread that served it, and is the page rendered afresh, beyond the
 * number of threads kept too.
 */
class IndexPerThreadTest {

    private final Instance instance = new Instance("1.2.3", "pod-<1>", "node-7", "shop");

    private final GreetingHandler handler = new GreetingHandler(null, new GreetingProperties(Duration.ZERO, 64),
            instance);

    @Test
    void eachThreadGetsItsOwnPageAgainAndAgain() throws InterruptedException, ExecutionException {
        int threads = 80; // more than are kept
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                task -> new Thread(task, "loop-" + task.hashCode()));
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> List.of(index(), index(), Thread.currentThread().getName())));
            }
            for (Future<List<String>> answer : answers) {
                List<String> served = answer.get();
                String thread = served.get(2);
                String fresh = new String(
                        new IndexPage("Index", "1.2.3", "pod-<1>", "node-7", "shop", thread).toBytes(),
                        StandardCharsets.UTF_8);
                assertThat(served.get(0)).isEqualTo(fresh).contains(thread, "pod-&lt;1&gt;");
                assertThat(served.get(1)).isEqualTo(fresh);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** The index as the handler answers it on this thread. */
    private String index() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
        HandlerStrategies strategies = HandlerStrategies.withDefaults();
        ServerResponse response = handler.index(ServerRequest.create(exchange, strategies.messageReaders())).block();
        response.writeTo(exchange, new ServerResponse.Context() {

            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return strategies.messageWriters();
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        }).block();
        assertThat(exchange.getResponse().getHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
        return exchange.getResponse().getBodyAsString().block();
    }

}
