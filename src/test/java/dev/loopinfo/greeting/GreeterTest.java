package dev.loopinfo.greeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import reactor.test.StepVerifier;

class GreeterTest {

    @Test
    void greetsOnlyAfterTheConfiguredDelay() {
        Greeter greeter = new Greeter(new GreetingProperties(Duration.ofMillis(500), 64));

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
        Greeter greeter = new Greeter(new GreetingProperties(Duration.ofSeconds(3), 64));

        StepVerifier.withVirtualTime(() -> greeter.greet(new Name("Ada")))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(2999))
            .thenAwait(Duration.ofMillis(1))
            .assertNext(greeting -> assertThat(greeting.delayMillis()).isEqualTo(3000))
            .verifyComplete();
    }

    @Test
    void eachSubscriptionWaitsAfresh() {
        Greeter greeter = new Greeter(new GreetingProperties(Duration.ofMillis(500), 64));

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
