package dev.loopinfo.testbed;

import io.jstach.jstache.JStache;
import io.jstach.jstache.JStacheConfig;
import io.jstach.jstachio.Output;

import dev.loopinfo.web.Page;

/**
 * The page a test-bed endpoint answers a browser with.
 *
 * @param title what was answered, e.g. {@code 503 Service Unavailable}
 * @param text why, in a sentence
 */
@JStache(path = "testbed")
@JStacheConfig(using = Page.class)
record TestbedPage(String title, String text) implements Page {

    @Override
    public void writeTo(Output.EncodedOutput<RuntimeException> html) {
        TestbedPageRenderer.of().write(this, html);
    }
}
