package dev.loopinfo.pipeline;

import java.util.List;
import java.util.Locale;

import io.jstach.jstache.JStache;
import io.jstach.jstache.JStacheConfig;
import io.jstach.jstachio.Output;

import dev.loopinfo.web.Page;

/**
 * The pipeline's page: its counters and settings now, and the transcript's latest lines.
 *
 * @param pipeline the snapshot the page starts from
 * @param transcript the transcript's latest lines, oldest first
 * @param transcriptLines how many lines the page keeps as new ones arrive
 * ({@code transcript-lines})
 */
@JStache(path = "pipeline")
@JStacheConfig(using = Page.class)
record PipelinePage(PipelineSnapshot pipeline, List<String> transcript, int transcriptLines) implements Page {

    @Override
    public String section() {
        return "pipeline";
    }

    /** The settings in force, in plain words. */
    public String inWords() {
        PipelineSnapshot.Settings settings = pipeline.settings();
        String work = (settings.workMillis() == 0) ? "answers each at once"
                : "works " + duration(settings.workMillis()) + " on each";
        String full = switch (settings.overflow()) {
            case "drop-oldest" -> "the oldest waiting message is dropped to make room";
            case "drop-newest" -> "the new message is dropped";
            default -> "the producer holds back until there is room, and nothing is lost";
        };
        return "The producer makes " + count(settings.batch(), "message") + " every "
                + duration(settings.intervalMillis()) + "; the consumer " + work + ", "
                + count(settings.concurrency(), "message") + " at a time, and "
                + ((settings.retries() == 0) ? "never retries a failure"
                        : "retries a failure " + count(settings.retries(), "time"))
                + ". When the buffer is full, " + full + ".";
    }

    private static String count(long n, String thing) {
        return String.format(Locale.ROOT, "%,d %s%s", n, thing, (n == 1) ? "" : "s");
    }

    private static String duration(long millis) {
        return (millis % 1000 == 0) ? count(millis / 1000, "second") : String.format(Locale.ROOT, "%,d ms", millis);
    }

    @Override
    public void writeTo(Output.EncodedOutput<RuntimeException> html) {
        PipelinePageRenderer.of().write(this, html);
    }
}
