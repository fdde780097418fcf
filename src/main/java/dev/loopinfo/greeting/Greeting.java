package dev.loopinfo.greeting;

/**
 * A greeting as served by {@code /hello/{name}}, in HTML or JSON.
 *
 * @param greeting the whole greeting text, e.g. {@code Hello, Ada!}
 * @param name the name greeted
 * @param delayMillis how long the greeting waited before answering
 * @param receivedOn the event-loop thread that received the request
 * @param resumedOn the thread that resumed the greeting after the wait
 */
public record Greeting(String greeting, String name, long delayMillis, String receivedOn, String resumedOn) {
}
