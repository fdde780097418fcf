package dev.loopinfo.metrics;

import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Makes every exported series pass {@code promtool check metrics}: a HELP text for the
 * meters that are registered without one (Spring's HTTP observations, Reactor's timed
 * schedulers), and none of the three JVM meters whose names break Prometheus' naming
 * rules.
 */
final class MeterDescriptions {

    private static final Map<String, String> BY_NAME = Map
        .ofEntries(Map.entry("http.server.requests", "HTTP requests answered on the app port, by route template"));

    /** Reactor's {@code Micrometer.timedScheduler} meters, by the end of their names. */
    private static final Map<String, String> BY_SUFFIX = Map.of(".scheduler.tasks.active",
            "Tasks running now on this Reactor scheduler", ".scheduler.tasks.pending",
            "Tasks waiting to run on this Reactor scheduler", ".scheduler.tasks.completed",
            "Tasks completed on this Reactor scheduler, and how long they ran", ".scheduler.tasks.submitted",
            "Tasks submitted to this Reactor scheduler");

    /**
     * Exported as {@code jvm_compilation_time_ms_total},
     * {@code process_cpu_time_ns_total} and {@code system_cpu_count}: units in the name,
     * or a {@code _count} suffix on a gauge. CPU is covered by {@code process_cpu_usage}
     * and {@code system_cpu_usage}.
     */
    private static final Set<String> MISNAMED = Set.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count");

    private MeterDescriptions() {
    }

    static MeterFilter filter() {
        return new MeterFilter() {

            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return MISNAMED.contains(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }

            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getDescription() != null && !id.getDescription().isBlank()) {
                    return id;
                }
                String description = description(id.getName());
                return (description == null) ? id : new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()),
                        id.getBaseUnit(), description, id.getType());
            }
        };
    }

    private static String description(String name) {
        String description = BY_NAME.get(name);
        if (description != null) {
            return description;
        }
        return BY_SUFFIX.entrySet()
            .stream()
            .filter(suffix -> name.endsWith(suffix.getKey()))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    }

}
