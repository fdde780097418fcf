package dev.loopinfo.lessons;

import java.util.List;

import io.jstach.jstache.JStache;
import io.jstach.jstache.JStacheConfig;
import io.jstach.jstachio.Output;

import dev.loopinfo.web.Page;

/** The list of lessons. */
@JStache(path = "lessons")
@JStacheConfig(using = Page.class)
record LessonsPage(List<Lesson> lessons) implements Page {

    @Override
    public String section() {
        return "lessons";
    }

    @Override
    public void writeTo(Output.EncodedOutput<RuntimeException> html) {
        LessonsPageRenderer.of().write(this, html);
    }
}
