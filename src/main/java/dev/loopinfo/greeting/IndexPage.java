package dev.loopinfo.greeting;

/**
 * The index page, in HTML or JSON.
 *
 * @param heading always {@code Index}
 * @param version the application version
 * @param host the pod (or host) name
 * @param thread the event-loop thread that served this request
 */
public record IndexPage(String heading, String version, String host, String thread) {
}
