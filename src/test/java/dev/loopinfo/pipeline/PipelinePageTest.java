package dev.loopinfo.pipeline;

import static dev.loopinfo.web.PageBytes.HOSTILE;
import static dev.loopinfo.web.PageBytes.assertGolden;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The pipeline's page keeps its exact HTML, transcript lines escaped. */
class PipelinePageTest {

    @Test
    void running() {
        PipelineSnapshot snapshot = new PipelineSnapshot("RUNNING", 1200, 1100, 3, 7, 11, 90, 80, 10,
                new PipelineSnapshot.Settings(1000, 5, 20, 4, 256, "drop-oldest", 2, 0.25));
        assertGolden(new PipelinePage(snapshot, List.of("[pipeline-1] producer: message 1 " + HOSTILE,
                "[pipeline-1] consumer: 200 OK")), "pipeline");
    }

    @Test
    void notStartedWithNoTranscript() {
        PipelineSnapshot snapshot = new PipelineSnapshot("NOT_STARTED", 0, 0, 0, 0, 0, 0, 0, 0,
                new PipelineSnapshot.Settings(1, 1, 0, 1, 1, "backpressure", 0, 0));
        assertGolden(new PipelinePage(snapshot, List.of()), "pipeline-empty");
    }
}
