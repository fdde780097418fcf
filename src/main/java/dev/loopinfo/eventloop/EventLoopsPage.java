package dev.loopinfo.eventloop;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import io.jstach.jstache.JStache;
import io.jstach.jstache.JStacheConfig;
import io.jstach.jstachio.Output;

import dev.loopinfo.web.Page;

/**
 * The event loops' page: a card per loop with its figures and a chart of its lag over the
 * last minute. The chart runs from 0 at the bottom to the blocked threshold at the top
 * (higher when the minute was worse), so that a healthy loop draws a flat line along the
 * floor; {@code loops.js} redraws it the same way.
 *
 * @param loops the loops now
 */
@JStache(path = "loops")
@JStacheConfig(using = Page.class)
record EventLoopsPage(EventLoops.Snapshot loops) implements Page {

    @Override
    public String section() {
        return "loops";
    }

    static final int CHART_WIDTH = 118;

    static final int CHART_HEIGHT = 40;

    /**
     * The chart's drawing size, for its {@code viewBox}; loops.js reads it back from
     * there.
     */
    public int chartWidth() {
        return CHART_WIDTH;
    }

    public int chartHeight() {
        return CHART_HEIGHT;
    }

    public List<Card> cards() {
        return loops.loops()
            .stream()
            .map(loop -> new Card(loop, loops.blockedThresholdMillis(), loops.probing()))
            .toList();
    }

    public String threshold() {
        return millis(loops.blockedThresholdMillis());
    }

    /** One loop as the page shows it. */
    record Card(EventLoops.Loop loop, long thresholdMillis, boolean probing) {

        public String name() {
            return loop.name();
        }

        public String lag() {
            return millis(loop.lagMillis());
        }

        public String worst() {
            return millis(loop.worstMillis());
        }

        public String pendingTasks() {
            return (loop.pendingTasks() < 0) ? "–" : String.format(Locale.ROOT, "%,d", loop.pendingTasks());
        }

        public String openConnections() {
            return String.format(Locale.ROOT, "%,d", loop.openConnections());
        }

        /**
         * {@code healthy}, {@code blocked} (now) or {@code recovered} (blocked within the
         * minute); as loops.js.
         */
        public String state() {
            if (!probing) {
                return "unknown";
            }
            if (loop.lagMillis() > thresholdMillis) {
                return "blocked";
            }
            return (loop.worstMillis() > thresholdMillis) ? "recovered" : "healthy";
        }

        public String stateInWords() {
            return switch (state()) {
                case "blocked" -> "Blocked now";
                case "recovered" -> "Blocked in the last minute";
                case "healthy" -> "Healthy";
                default -> "Not probed";
            };
        }

        /** The polyline's points: one per second, oldest at the left. */
        public String points() {
            List<Double> minute = loop.lastMinuteMillis();
            double top = Math.max(thresholdMillis, loop.worstMillis());
            StringJoiner points = new StringJoiner(" ");
            for (int second = 0; second < minute.size(); second++) {
                double x = (minute.size() == 1) ? 0 : second * (double) CHART_WIDTH / (minute.size() - 1);
                double y = CHART_HEIGHT - 1 - Math.min(1, minute.get(second) / top) * (CHART_HEIGHT - 2);
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            }
            return points.toString();
        }

        public String chartLabel() {
            return "Lag each second over the last minute; at worst " + worst() + ", the chart's top is "
                    + millis(Math.max(thresholdMillis, loop.worstMillis()));
        }
    }

    /** 0.03 ms, 2.5 ms, 12 ms, 1.2 s: as loops.js writes them. */
    static String millis(double millis) {
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000);
        }
        String format = (millis < 1) ? "%.2f ms" : (millis < 10) ? "%.1f ms" : "%.0f ms";
        return String.format(Locale.ROOT, format, millis);
    }

    @Override
    public void writeTo(Output.EncodedOutput<RuntimeException> html) {
        EventLoopsPageRenderer.of().write(this, html);
    }
}
