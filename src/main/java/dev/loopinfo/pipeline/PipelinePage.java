package dev.loopinfo.pipeline;

import java.util.List;

import io.jstach.jstache.JStache;
import io.jstach.jstache.JStacheConfig;
import io.jstach.jstachio.Output;

import dev.loopinfo.web.Page;

/** The pipeline's page: its counters and settings now, and the transcript's latest lines. */
@JStache(path = "pipeline")
@JStacheConfig(using = Page.class)
record PipelinePage(PipelineSnapshot pipeline, List<String> transcript) implements Page {

    @Override
    public void writeTo(Output.EncodedOutput<RuntimeException> html) {
        PipelinePageRenderer.of().write(this, html);
    }
}
