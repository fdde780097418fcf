package dev.loopinfo.pipeline;

/** Makes messages 1, 2, 3, … and hears the consumer's replies, as the original's {@code produce(c)}. */
class Producer {

    private final Transcript transcript;

    private long last;

    Producer(Transcript transcript) {
        this.transcript = transcript;
    }

    Message produce() {
        Message message = new Message(++last);
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
