package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Handles one message, retrying a failed attempt, and replies {@code 200 OK}, as the
 * original's {@code consumer()}; its work is a timer on the pipeline's scheduler, never a
 * blocked thread.
 */
class Consumer {

    static final String OK = "200 OK";

    private final Duration work;

    private final int retries;

    private final Failures failures;

    private final Transcript transcript;

    private final Scheduler scheduler;

    Consumer(Duration work, int retries, Failures failures, Transcript transcript, Scheduler scheduler) {
        this.work = work;
        this.retries = retries;
        this.failures = failures;
        this.transcript = transcript;
        this.scheduler = scheduler;
    }

    /**
     * A message handled: attempted, and retried up to {@code retries} times when an
     * attempt fails; its reply, or why it failed, as a value.
     */
    Mono<Outcome> handle(Message message) {
        if (answersAtOnce()) {
            // Nothing to wait for: settle every attempt here and hand back a ready value,
            // which flatMap takes without subscribing to an inner chain. This is the
            // unthrottled pipeline's hot path.
            return Mono.just(handleAtOnce(message));
        }
        AtomicInteger attempts = new AtomicInteger();
        return Mono.defer(() -> consume(message, attempts.incrementAndGet()))
            .retry(retries)
            .map(reply -> new Outcome(message, reply, null, attempts.get()))
            .onErrorResume(error -> Mono.just(new Outcome(message, null, error, attempts.get())));
    }

    /**
     * The attempts of {@link #handle} with no work to wait for: the same retries, made in
     * a loop, and, as there, any error of an attempt counts as a failed attempt.
     */
    private Outcome handleAtOnce(Message message) {
        for (int attempt = 1;; attempt++) {
            try {
                return new Outcome(message, consumeNow(message, attempt), null, attempt);
            }
            catch (RuntimeException failure) {
                if (attempt > retries) {
                    return new Outcome(message, null, failure, attempt);
                }
            }
        }
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
    private boolean answersAtOnce() {
        return work.isZero();
    }

    /**
     * One attempt made at once, for a consumer with no work: the reply, or a
     * {@link ConsumerFailure} thrown.
     */
    private String consumeNow(Message message, int attempt) {
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

    /**
     * A message handled: its reply, or the failure of its last attempt, and how many
     * attempts it took.
     */
    record Outcome(Message message, @Nullable String reply, @Nullable Throwable failure, int attempts) {
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
