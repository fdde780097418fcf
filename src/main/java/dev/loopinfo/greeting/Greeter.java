package dev.loopinfo.greeting;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Greets a name after the configured delay, the way the original's {@code await asyncio.sleep(0.5)} does:
 * the wait is a timer, so the thread that received the request is free to serve others meanwhile.
 */
@Component
class Greeter {

    private final GreetingProperties properties;

    Greeter(GreetingProperties properties) {
        this.properties = properties;
    }

    Mono<Greeting> greet(Name name) {
        return Mono.defer(() -> {
            String receivedOn = Thread.currentThread().getName();
            return Mono.delay(properties.delay())
                .map(tick -> new Greeting("Hello, " + name.value() + "!", name.value(),
                        properties.delay().toMillis(), receivedOn, Thread.currentThread().getName()));
        });
    }
}
