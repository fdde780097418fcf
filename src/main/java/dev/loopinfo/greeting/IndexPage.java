package dev.loopinfo.greeting;

import java.util.List;

import io.jstach.jstache.JStache;
import io.jstach.jstache.JStacheConfig;
import io.jstach.jstachio.Output;

import dev.loopinfo.lessons.Lesson;
import dev.loopinfo.web.Page;

/**
 * The index page, in HTML or JSON.
 *
 * @param heading always {@code Index}
 * @param version the application version
 * @param host the pod (or host) name
 * @param node the Kubernetes node, or empty
 * @param namespace the Kubernetes namespace, or empty
 * @param thread the event-loop thread that served this request
 */
@JStache(path = "index")
@JStacheConfig(using = Page.class)
record IndexPage(String heading, String version, String host, String node, String namespace,
        String thread) implements Page {

    /** The lessons the page links to, as the lessons name themselves. */
    public List<Lesson> lessons() {
        return List.of(Lesson.values());
    }

    /**
     * Whether there is a namespace to show: outside Kubernetes the fact is left out of
     * the page.
     */
    public boolean hasNamespace() {
        return !namespace.isEmpty();
    }

    /** Whether there is a node to show. */
    public boolean hasNode() {
        return !node.isEmpty();
    }

    @Override
    public void writeTo(Output.EncodedOutput<RuntimeException> html) {
        IndexPageRenderer.of().write(this, html);
    }
}
