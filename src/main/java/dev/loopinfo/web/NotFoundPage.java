package dev.loopinfo.web;

import io.jstach.jstache.JStache;
import io.jstach.jstache.JStacheConfig;
import io.jstach.jstachio.Output;

/**
 * The 404 page.
 *
 * @param path the path that nothing serves
 */
@JStache(path = "error/404")
@JStacheConfig(using = Page.class)
record NotFoundPage(String path) implements Page {

    @Override
    public void writeTo(Output.EncodedOutput<RuntimeException> html) {
        NotFoundPageRenderer.of().write(this, html);
    }
}
