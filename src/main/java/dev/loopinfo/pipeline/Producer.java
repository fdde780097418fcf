package dev.loopinfo.pipeline;

import java.util.function.LongSupplier;

/** Makes messages 1, 2, 3, … and hears the consumer's replies, as the original's {@code produce(c)}. */
class Producer {

    private final Transcript transcript;

    private final LongSupplier clock;

    private long last;

    /** A producer whose messages are stamped by the clock (nanoseconds). */
    Producer(Transcript transcript, LongSupplier clock) {
        this.transcript = transcript;
        this.clock = clock;
    }

    Message produce() {
        Message message = new Message(++last, clock.getAsLong());
        transcript.add("[PRODUCER] Producing " + message.number() + "...");
        return message;
    }

    void received(String reply) {
        transcript.add("[PRODUCER] Consumer return: " + reply);
    }

    void gaveUp(Message message, int attempts, Throwable cause) {
        transcript.add("[PRODUCER] Consumer failed " + message.number() + " after " + attempts + " attempts: "
                + cause.getMessage());
    }

    void dropped(Message message) {
        transcript.add("[PRODUCER] Dropped " + message.number() + ": buffer full");
    }
}
