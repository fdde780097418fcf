package dev.loopinfo.pipeline;

/** Where producer and consumer write their lines, in the original's format ({@code [PRODUCER] Producing 1...}). */
@FunctionalInterface
interface Transcript {

    void add(String line);
}
