package dev.loopinfo.pipeline;

/**
 * The pipeline at one moment, taken on its own thread so the counts agree:
 * {@code produced = acknowledged + failed + dropped + inFlight}, and
 * {@code inFlight = buffered + consuming}.
 *
 * @param state NOT_STARTED, RUNNING, PAUSED, STOPPING or STOPPED
 * @param thread the one thread the pipeline runs on, e.g. {@code pipeline-1}
 * @param produced messages made by the producer
 * @param acknowledged messages the consumer answered {@code 200 OK}
 * @param failed messages that failed every attempt
 * @param dropped messages dropped because the buffer was full (drop modes)
 * @param deferred messages the producer held back because the buffer was full
 * (backpressure mode)
 * @param inFlight messages produced and not yet settled: waiting in the buffer or being
 * consumed
 * @param buffered messages waiting in the buffer
 * @param consuming messages the consumer is working on
 * @param settings the settings in force
 */
record PipelineSnapshot(String state, String thread, long produced, long acknowledged, long failed, long dropped,
        long deferred, long inFlight, long buffered, long consuming, Settings settings) {

    /**
     * The settings in force, as {@code /api/pipeline} shows them.
     *
     * @param intervalMillis producer tick interval
     * @param batch messages per tick
     * @param workMillis consumer work per message
     * @param concurrency messages consumed at once
     * @param bufferSize buffer capacity
     * @param overflow overflow mode, as configured ({@code backpressure},
     * {@code drop-oldest}, {@code drop-newest})
     * @param retries retries per failed message
     * @param failureRate injected failure probability per attempt
     */
    public record Settings(long intervalMillis, int batch, long workMillis, int concurrency, int bufferSize,
            String overflow, int retries, double failureRate) {
    }
}
