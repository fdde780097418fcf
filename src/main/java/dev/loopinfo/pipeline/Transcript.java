package dev.loopinfo.pipeline;

/**
 * Where producer and consumer write their lines, in the original's format
 * ({@code [PRODUCER] Producing 1...}).
 */
@FunctionalInterface
interface Transcript {

    void add(Line line);

    /**
     * One transcript line, kept as its parts: the text is built only when someone reads
     * it, so that an unthrottled pipeline does not format millions of lines nobody sees.
     */
    record Line(Kind kind, long number, int attempts, String detail) {

        static Line producing(long number) {
            return new Line(Kind.PRODUCING, number, 0, null);
        }

        static Line consuming(long number) {
            return new Line(Kind.CONSUMING, number, 0, null);
        }

        static Line attemptFailed(long number, int attempt) {
            return new Line(Kind.ATTEMPT_FAILED, number, attempt, null);
        }

        static Line received(String reply) {
            return new Line(Kind.RECEIVED, 0, 0, reply);
        }

        static Line gaveUp(long number, int attempts, String cause) {
            return new Line(Kind.GAVE_UP, number, attempts, cause);
        }

        static Line dropped(long number) {
            return new Line(Kind.DROPPED, number, 0, null);
        }

        /** The line as the original prints it. */
        String text() {
            return switch (kind) {
                case PRODUCING -> "[PRODUCER] Producing " + number + "...";
                case CONSUMING -> "[CONSUMER] Consuming " + number + "...";
                case ATTEMPT_FAILED -> "[CONSUMER] Failed " + number + " on attempt " + attempts;
                case RECEIVED -> "[PRODUCER] Consumer return: " + detail;
                case GAVE_UP -> "[PRODUCER] Consumer failed " + number + " after " + attempts + " attempts: " + detail;
                case DROPPED -> "[PRODUCER] Dropped " + number + ": buffer full";
            };
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** What a line says. */
    enum Kind {

        PRODUCING, CONSUMING, ATTEMPT_FAILED, RECEIVED, GAVE_UP, DROPPED

    }

}
