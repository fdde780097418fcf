package dev.loopinfo.testbed;

import java.util.List;

import io.jstach.jstache.JStache;
import io.jstach.jstache.JStacheConfig;
import io.jstach.jstachio.Output;

import dev.loopinfo.web.Page;

/**
 * The page {@code /headers} answers a browser with: each header of its request,
 * credentials redacted.
 *
 * @param headers the headers in the order they arrived
 */
@JStache(path = "headers")
@JStacheConfig(using = Page.class)
record HeadersPage(List<Header> headers) implements Page {

    /** One header line: its name as sent, and its value. */
    record Header(String name, String value) {
    }

    @Override
    public void writeTo(Output.EncodedOutput<RuntimeException> html) {
        HeadersPageRenderer.of().write(this, html);
    }
}
