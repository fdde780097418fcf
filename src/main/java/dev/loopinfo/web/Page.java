package dev.loopinfo.web;

import io.jstach.jstache.JStacheConfig;
import io.jstach.jstache.JStachePath;
import io.jstach.jstache.JStacheType;
import io.jstach.jstachio.Output;

/**
 * A page record, answered as HTML by {@code Routing.ok(Routing.HTML, page)}
 * ({@link PageEncoder}). Its template, {@code @JStache(path = "index")} for
 * {@code src/main/resources/templates/index.mustache}, is compiled at build time into a
 * renderer beside it ({@code IndexPage} → {@code IndexPageRenderer}): HTML-escaped, its
 * text pre-encoded to UTF-8. Each page calls its renderer by name, so nothing is looked
 * up, loaded or reflected on at run time, on an event loop. Pages take their settings
 * from here: {@code @JStacheConfig(using = Page.class)}.
 */
@JStacheConfig(pathing = @JStachePath(prefix = "templates/", suffix = ".mustache"), type = JStacheType.JSTACHIO)
public interface Page {

    /**
     * Writes this page as HTML, with its renderer:
     * {@code IndexPageRenderer.of().write(this, html)}.
     */
    void writeTo(Output.EncodedOutput<RuntimeException> html);

    /**
     * The part of the site this page belongs to, marked as the current one in the menu:
     * {@code loops}, {@code pipeline}, {@code lessons}, or none.
     */
    default String section() {
        return "";
    }

    default boolean inLoops() {
        return section().equals("loops");
    }

    default boolean inPipeline() {
        return section().equals("pipeline");
    }

    default boolean inLessons() {
        return section().equals("lessons");
    }

    /**
     * This page's HTML, for a page served many times over: rendered once, then answered
     * as these bytes.
     */
    default byte[] toBytes() {
        return PageEncoder.bytes(this);
    }

}
