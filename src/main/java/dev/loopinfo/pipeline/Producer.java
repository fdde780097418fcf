package dev.loopinfo.pipeline;

import java.util.function.LongSupplier;

/**
 * Makes messages 1, 2, 3, … and hears the consumer's replies, as the original's
 * {@code produce(c)}.
 */
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
        transcript.add(Transcript.Line.producing(message.number()));
        return message;
    }

    void received(String reply) {
        transcript.add(Transcript.Line.received(reply));
    }

    void gaveUp(Message message, int attempts, Throwable cause) {
        transcript.add(Transcript.Line.gaveUp(message.number(), attempts, cause.getMessage()));
    }

    void dropped(Message message) {
        transcript.add(Transcript.Line.dropped(message.number()));
    }

}
