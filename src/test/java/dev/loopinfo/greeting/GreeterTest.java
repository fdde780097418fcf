package dev.loopinfo.greeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import reactor.test.StepVerifier;

class GreeterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void greetsOnlyAfterTheConfiguredDelay() {
        Greeter greeter = new Greeter(new GreetingProperties(Duration.ofMillis(500), 64), registry);

        StepVerifier.withVirtualTime(() -> greeter.greet(new Name("Ada")))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(499))
            .thenAwait(Duration.ofMillis(1))
            .assertNext(greeting -> {
                assertThat(greeting.greeting()).isEqualTo("Hello, Ada!");
                assertThat(greeting.name()).isEqualTo("Ada");
                assertThat(greeting.delayMillis()).isEqualTo(500);
                assertThat(greeting.receivedOn()).isNotBlank();
                assertThat(greeting.resumedOn()).isNotBlank();
            })
            .verifyComplete();
    }

    @Test
    void theDelayIsConfigurable() {
        Greeter greeter = new Greeter(new GreetingProperties(Duration.ofSeconds(3), 64), registry);

        StepVerifier.withVirtualTime(() -> greeter.greet(new Name("Ada")))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(2999))
            .thenAwait(Duration.ofMillis(1))
            .assertNext(greeting -> assertThat(greeting.delayMillis()).isEqualTo(3000))
            .verifyComplete();

        Timer wait = registry.get("loopinfo.greeting.wait").timer();
        assertThat(wait.count()).isEqualTo(1);
        assertThat(wait.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3000);
    }

    @Test
    void eachSubscriptionWaitsAfresh() {
        Greeter greeter = new Greeter(new GreetingProperties(Duration.ofMillis(500), 64), registry);

        StepVerifier.withVirtualTime(() -> greeter.greet(new Name("Ada")).repeat(1))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(500))
            .expectNextCount(1)
            .expectNoEvent(Duration.ofMillis(499))
            .thenAwait(Duration.ofMillis(1))
            .expectNextCount(1)
            .verifyComplete();
    }

}
