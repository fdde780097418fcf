package dev.loopinfo.support;

import java.util.List;
import java.util.stream.Stream;

/**
 * One scrape of {@code /actuator/prometheus} on the management port, as Prometheus reads
 * it.
 */
public record Scrape(String text) {

    public static Scrape of(int managementPort) {
        String text = Management.client(managementPort)
            .get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        return new Scrape(text);
    }

    /** Every sample line: {@code name{labels} value}. */
    public Stream<String> samples() {
        return text.lines().filter(line -> !line.isBlank() && !line.startsWith("#"));
    }

    /**
     * Each series (name and labels, without the value) whose name starts with the prefix.
     */
    public List<String> series(String namePrefix) {
        return samples().filter(line -> line.startsWith(namePrefix))
            .map(line -> line.substring(0, line.lastIndexOf(' ')))
            .sorted()
            .toList();
    }

    /**
     * The sum of the values of every sample whose series starts with the prefix
     * ({@code name{}} for one name).
     */
    public double sum(String seriesPrefix) {
        return samples().filter(sample -> sample.startsWith(seriesPrefix))
            .mapToDouble(sample -> Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1)))
            .sum();
    }
}
