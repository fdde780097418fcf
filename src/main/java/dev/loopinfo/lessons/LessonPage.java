package dev.loopinfo.lessons;

import io.jstach.jstache.JStache;
import io.jstach.jstache.JStacheConfig;
import io.jstach.jstachio.Output;

import dev.loopinfo.web.Page;

/** A lesson's page, which runs it live. */
@JStache(path = "lesson")
@JStacheConfig(using = Page.class)
record LessonPage(Lesson lesson) implements Page {

    @Override
    public String section() {
        return "lessons";
    }

    @Override
    public void writeTo(Output.EncodedOutput<RuntimeException> html) {
        LessonPageRenderer.of().write(this, html);
    }
}
