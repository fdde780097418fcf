package dev.loopinfo.eventloop;

import static dev.loopinfo.web.PageBytes.HOSTILE;
import static dev.loopinfo.web.PageBytes.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The event loops' page keeps its exact HTML; states, figures and charts read as loops.js
 * draws them.
 */
class EventLoopsPageTest {

    private static final List<Double> QUIET = Collections.nCopies(60, 0.05);

    @Test
    void healthyBlockedAndRecoveredLoops() {
        EventLoops.Snapshot loops = new EventLoops.Snapshot(true, 200,
                List.of(new EventLoops.Loop("reactor-http-epoll-1", 0.04, 0.05, QUIET, 0, 12),
                        new EventLoops.Loop("reactor-http-epoll-2", 350, 350, withLast(350), 3, 1_500),
                        new EventLoops.Loop("reactor-http-epoll-3", 0.2, 1_250, withLast(1_250, 0.2), -1, 0),
                        new EventLoops.Loop(HOSTILE, 0, 0, QUIET, 0, 0)));
        assertGolden(new EventLoopsPage(loops), "loops");
    }

    @Test
    void withoutTheProbeNoLoopIsCalledHealthy() {
        EventLoops.Snapshot loops = new EventLoops.Snapshot(false, 200,
                List.of(new EventLoops.Loop("reactor-http-epoll-1", 0, 0, List.of(), 0, 1)));
        assertGolden(new EventLoopsPage(loops), "loops-unprobed");
        assertThat(new EventLoopsPage(loops).cards()).singleElement()
            .satisfies(card -> assertThat(card.stateInWords()).isEqualTo("Not probed"));
    }

    @Test
    void aLoopIsBlockedOverTheThresholdNowAndRecoveredWhenOnlyTheMinuteWasOver() {
        List<EventLoopsPage.Card> cards = new EventLoopsPage(new EventLoops.Snapshot(true, 200,
                List.of(new EventLoops.Loop("a", 200, 200, QUIET, 0, 0),
                        new EventLoops.Loop("b", 201, 201, QUIET, 0, 0),
                        new EventLoops.Loop("c", 1, 201, QUIET, 0, 0))))
            .cards();
        assertThat(cards).extracting(EventLoopsPage.Card::state).containsExactly("healthy", "blocked", "recovered");
    }

    @Test
    void theChartRunsFromTheFloorToTheThresholdOrTheMinutesWorst() {
        EventLoopsPage.Card card = new EventLoopsPage(
                new EventLoops.Snapshot(true, 200, List.of(new EventLoops.Loop("a", 0, 100, withLast(100, 0.0), 0, 0))))
            .cards()
            .get(0);
        String[] points = card.points().split(" ");
        assertThat(points).hasSize(60);
        assertThat(points[0]).isEqualTo("0.0,39.0"); // nothing: the floor
        assertThat(points[58]).isEqualTo("116.0,20.0"); // half the threshold: half way up
        assertThat(points[59]).isEqualTo("118.0,39.0");

        EventLoopsPage.Card worse = new EventLoopsPage(
                new EventLoops.Snapshot(true, 200, List.of(new EventLoops.Loop("a", 800, 800, withLast(800), 0, 0))))
            .cards()
            .get(0);
        assertThat(worse.points()).endsWith("118.0,1.0"); // the minute's worst is the top
    }

    @Test
    void durationsReadAtTheirScale() {
        assertThat(List.of(0.034, 2.54, 12.4, 291.3, 1_250.0)).map(EventLoopsPage::millis)
            .containsExactly("0.03 ms", "2.5 ms", "12 ms", "291 ms", "1.3 s");
    }

    /** A quiet minute whose last seconds had these lags. */
    private static List<Double> withLast(double... last) {
        List<Double> minute = new ArrayList<>(QUIET.subList(0, 60 - last.length));
        for (double value : last) {
            minute.add(value);
        }
        return minute;
    }

}
