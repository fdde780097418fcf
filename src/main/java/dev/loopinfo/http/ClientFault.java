package dev.loopinfo.http;

import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Tells the errors that are a client's doing — a body late, unreadable or refused, a
 * client gone — from the server's.
 */
public final class ClientFault {

    private ClientFault() {
    }

    /**
     * Whether the error is the client's doing: answered 4xx (or not at all), logged at
     * most at DEBUG.
     */
    public static boolean is(Throwable error) {
        return error instanceof RequestBodyTimeout.Expired || error instanceof MalformedBody.Unreadable
                || DisconnectedClientHelper.isClientDisconnectedException(error)
                || (error instanceof ResponseStatusException refusal && refusal.getStatusCode().is4xxClientError());
    }

}
