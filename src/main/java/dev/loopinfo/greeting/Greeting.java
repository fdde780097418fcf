package dev.loopinfo.greeting;

import io.jstach.jstache.JStache;
import io.jstach.jstache.JStacheConfig;
import io.jstach.jstachio.Output;

import dev.loopinfo.web.Page;

/**
 * A greeting as served by {@code /hello/{name}}, in HTML or JSON.
 *
 * @param greeting the whole greeting text, e.g. {@code Hello, Ada!}
 * @param name the name greeted
 * @param delayMillis how long the greeting waited before answering
 * @param receivedOn the event-loop thread that received the request
 * @param resumedOn the thread that resumed the greeting after the wait
 */
@JStache(path = "greeting")
@JStacheConfig(using = Page.class)
record Greeting(String greeting, String name, long delayMillis, String receivedOn, String resumedOn) implements Page {

    @Override
    public void writeTo(Output.EncodedOutput<RuntimeException> html) {
        GreetingRenderer.of().write(this, html);
    }
}
