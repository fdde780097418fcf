package dev.loopinfo.web;

import org.jspecify.annotations.Nullable;

import io.jstach.jstache.JStache;
import io.jstach.jstache.JStacheConfig;
import io.jstach.jstachio.Output;

/**
 * The page of an error other than 404.
 *
 * @param status the HTTP status code
 * @param error the status's reason phrase
 * @param message what went wrong, when it is for the client to read
 */
@JStache(path = "error/error")
@JStacheConfig(using = Page.class)
record ErrorPage(int status, String error, @Nullable String message) implements Page {

    @Override
    public void writeTo(Output.EncodedOutput<RuntimeException> html) {
        ErrorPageRenderer.of().write(this, html);
    }
}
