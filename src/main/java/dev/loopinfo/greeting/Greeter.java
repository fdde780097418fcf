package dev.loopinfo.greeting;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Greets a name after the configured delay, the way the original's
 * {@code await asyncio.sleep(0.5)} does: the wait is a timer, so the thread that received
 * the request is free to serve others meanwhile.
 */
@Component
class Greeter {

    private final GreetingProperties settings;

    private final Timer wait;

    Greeter(GreetingProperties settings, MeterRegistry registry) {
        this.settings = settings;
        this.wait = Timer.builder("loopinfo.greeting.wait")
            .description("The greeting's own non-blocking wait, from receiving the request to resuming it")
            .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(600),
                    Duration.ofSeconds(1))
            .register(registry);
    }

    Mono<Greeting> greet(Name name) {
        return Mono.defer(() -> {
            String receivedOn = Thread.currentThread().getName();
            // Mono.delay's own clock, so virtual time in tests is the time measured.
            Scheduler clock = Schedulers.parallel();
            long received = clock.now(TimeUnit.NANOSECONDS);
            return Mono.delay(settings.delay(), clock).map(tick -> {
                wait.record(clock.now(TimeUnit.NANOSECONDS) - received, TimeUnit.NANOSECONDS);
                return new Greeting("Hello, " + name.value() + "!", name.value(), settings.delay().toMillis(),
                        receivedOn, Thread.currentThread().getName());
            });
        });
    }

}
