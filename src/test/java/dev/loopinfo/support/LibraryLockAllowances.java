package dev.loopinfo.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The few library methods that may wait briefly on a lock guarding in-memory state,
 * allowed precisely there. BlockHound reports any thread park, but these waits are
 * bounded CPU work by other threads, not I/O:
 * <ul>
 * <li>Jackson fills its deserializer cache once per type under a short lock.</li>
 * <li>Netty 4.2's adaptive allocator grows its magazine array under a lock when threads
 * contend (a known false positive, also allowed by other Netty users).</li>
 * <li>A Reactor timer cancelled on an event loop (a stream whose client left) is removed
 * from the scheduler's queue under the same short lock that scheduling it takes;
 * Reactor's own integration allows the latter ({@code offer}) but not the removal.
 * Reported inside the lock's acquire, the error left the lock broken and Reactor's
 * parallel scheduler wedged.</li>
 * </ul>
 */
public class LibraryLockAllowances implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
                "_createAndCacheValueDeserializer");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                "tryExpandMagazines");
        builder.allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "remove");
    }

}
