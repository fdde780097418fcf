package dev.loopinfo.greeting;

import static dev.loopinfo.web.PageBytes.HOSTILE;
import static dev.loopinfo.web.PageBytes.assertGolden;

import org.junit.jupiter.api.Test;

/** The index and greeting pages keep their exact HTML, every value escaped. */
class GreetingPagesTest {

    @Test
    void indexOutsideKubernetes() {
        assertGolden(new IndexPage("Index", "1.2.3", "host-" + HOSTILE, "", "", "reactor-http-epoll-1"), "index");
    }

    @Test
    void indexInKubernetes() {
        assertGolden(new IndexPage("Index", "1.2.3", "loopinfo-7d9f-abc", "node-" + HOSTILE, "ns-" + HOSTILE,
                "reactor-http-epoll-2"), "index-kubernetes");
    }

    @Test
    void greeting() {
        assertGolden(new Greeting("Hello, Ada!", "Ada", 500, "reactor-http-epoll-1", "parallel-1"), "greeting");
    }

    @Test
    void greetingOfAHostileName() {
        assertGolden(new Greeting("Hello, " + HOSTILE + "!", HOSTILE, 1234, "reactor-http-epoll-3", "parallel-2"),
                "greeting-hostile");
    }

}
