package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Handles one message and replies {@code 200 OK}, as the original's {@code consumer()}; its work is a timer on
 * the pipeline's scheduler, never a blocked thread.
 */
class Consumer {

    static final String OK = "200 OK";

    private final Duration work;

    private final Failures failures;

    private final Transcript transcript;

    private final Scheduler scheduler;

    Consumer(Duration work, Failures failures, Transcript transcript, Scheduler scheduler) {
        this.work = work;
        this.failures = failures;
        this.transcript = transcript;
        this.scheduler = scheduler;
    }

    /** One attempt at a message; subscribe again to retry it. */
    Mono<String> consume(Message message, int attempt) {
        return Mono.defer(() -> {
            transcript.add("[CONSUMER] Consuming " + message.number() + "...");
            Mono<String> reply = work.isZero() ? Mono.just(OK) : Mono.delay(work, scheduler).thenReturn(OK);
            return reply.flatMap(ok -> {
                if (failures.fail(message, attempt)) {
                    transcript.add("[CONSUMER] Failed " + message.number() + " on attempt " + attempt);
                    return Mono.error(new ConsumerFailure("injected failure"));
                }
                return Mono.just(ok);
            });
        });
    }

    /** Decides whether an attempt fails: fault injection for demos and tests. */
    @FunctionalInterface
    interface Failures {

        Failures NONE = (message, attempt) -> false;

        boolean fail(Message message, int attempt);

        /** Each attempt fails independently with the given probability. */
        static Failures atRate(double rate) {
            return (rate <= 0) ? NONE : (message, attempt) -> ThreadLocalRandom.current().nextDouble() < rate;
        }
    }

    /** A failed attempt. */
    static class ConsumerFailure extends RuntimeException {

        ConsumerFailure(String message) {
            super(message, null, false, false);
        }
    }
}
