package dev.loopinfo.pipeline;

import java.util.Locale;

/** What the pipeline does when the consumer falls behind and the buffer is full. */
enum Overflow {

    /**
     * The producer holds back: ticks that find the buffer full produce nothing, counted
     * as deferred.
     */
    BACKPRESSURE,

    /** The oldest buffered message is dropped to make room, counted as dropped. */
    DROP_OLDEST,

    /** The new message is dropped, counted as dropped. */
    DROP_NEWEST;

    /** The name as written in configuration, e.g. {@code drop-oldest}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

}
