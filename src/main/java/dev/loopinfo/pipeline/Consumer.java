package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Handles one message and replies {@code 200 OK}, as the original's {@code consumer()};
 * its work is a timer on the pipeline's scheduler, never a blocked thread.
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
        if (answersAtOnce()) {
            return Mono.fromCallable(() -> consumeNow(message, attempt));
        }
        return Mono.defer(() -> {
            transcript.add(Transcript.Line.consuming(message.number()));
            return Mono.delay(work, scheduler).map(tick -> reply(message, attempt));
        });
    }

    /** Whether there is no work to wait for, so that {@link #consumeNow} may be used. */
    boolean answersAtOnce() {
        return work.isZero();
    }

    /**
     * One attempt made at once, for a consumer with no work: the reply, or a
     * {@link ConsumerFailure} thrown.
     */
    String consumeNow(Message message, int attempt) {
        transcript.add(Transcript.Line.consuming(message.number()));
        return reply(message, attempt);
    }

    private String reply(Message message, int attempt) {
        if (failures.fail(message, attempt)) {
            transcript.add(Transcript.Line.attemptFailed(message.number(), attempt));
            throw new ConsumerFailure("injected failure");
        }
        return OK;
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
