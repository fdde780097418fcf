package dev.loopinfo.testbed;

/**
 * The statuses the test bed answers with when asked, by {@code /status/{code}} or by an
 * injected fault.
 */
final class Statuses {

    static final int LOWEST = 200;

    static final int HIGHEST = 599;

    private Statuses() {
    }

    static boolean isAnswerable(int status) {
        return status >= LOWEST && status <= HIGHEST;
    }

    /** 204, 205 and 304 carry no body (RFC 9110). */
    static boolean carriesNoBody(int status) {
        return status == 204 || status == 205 || status == 304;
    }

}
