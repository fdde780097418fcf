package dev.loopinfo.pipeline;

import static dev.loopinfo.web.PageBytes.HOSTILE;
import static dev.loopinfo.web.PageBytes.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The pipeline's page keeps its exact HTML, transcript lines escaped. */
class PipelinePageTest {

    @Test
    void running() {
        PipelineSnapshot snapshot = new PipelineSnapshot("RUNNING", "pipeline-7", 1200, 1100, 3, 7, 11, 90, 80, 10,
                new PipelineSnapshot.Settings(1000, 5, 20, 4, 256, "drop-oldest", 2, 0.25));
        assertGolden(
                new PipelinePage(snapshot,
                        List.of("[pipeline-1] producer: message 1 " + HOSTILE, "[pipeline-1] consumer: 200 OK"), 200),
                "pipeline");
    }

    @Test
    void notStartedWithNoTranscript() {
        PipelineSnapshot snapshot = new PipelineSnapshot("NOT_STARTED", "pipeline-1", 0, 0, 0, 0, 0, 0, 0, 0,
                new PipelineSnapshot.Settings(1, 1, 0, 1, 1, "backpressure", 0, 0));
        assertGolden(new PipelinePage(snapshot, List.of(), 10), "pipeline-empty");
    }

    @Test
    void theSettingsReadAsASentence() {
        PipelineSnapshot snapshot = new PipelineSnapshot("RUNNING", "pipeline-1", 0, 0, 0, 0, 0, 0, 0, 0,
                new PipelineSnapshot.Settings(250, 1000, 1500, 1, 256, "drop-newest", 1, 0));
        assertThat(new PipelinePage(snapshot, List.of(), 200).inWords()).isEqualTo("The producer makes 1,000 "
                + "messages every 250 ms; the consumer works 1,500 ms on each, 1 message at a time, and retries a "
                + "failure 1 time. When the buffer is full, the new message is dropped.");
    }

}
