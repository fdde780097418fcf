package dev.loopinfo.http;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Hooks;

/**
 * Errors that reach a stream after it ended. When a request body times out, cannot be
 * read or its client leaves, Reactor Netty signals the body's reader once more after the
 * answer (or the lack of one) is settled; Reactor would log that as an ERROR with a stack
 * trace. Those are the client's doing ({@link ClientFault}) and logged at DEBUG; any
 * other keeps Reactor's ERROR.
 */
@Component
class DroppedErrors {

    private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);

    DroppedErrors() {
        Hooks.onErrorDropped(DroppedErrors::log);
    }

    private static void log(Throwable error) {
        if (ClientFault.is(error)) {
            log.debug("A request ended by its client's fault signalled once more: {}", error.toString());
        }
        else {
            log.error("Operator called default onErrorDropped", error);
        }
    }

    @PreDestroy
    void reset() {
        Hooks.resetOnErrorDropped();
    }

}
