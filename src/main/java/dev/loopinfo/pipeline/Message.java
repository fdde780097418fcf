package dev.loopinfo.pipeline;

/**
 * One message from producer to consumer: the original's {@code n}.
 *
 * @param number 1, 2, 3, … in production order
 * @param producedAt when it was produced, in nanoseconds on the pipeline's clock
 */
record Message(long number, long producedAt) {
}
