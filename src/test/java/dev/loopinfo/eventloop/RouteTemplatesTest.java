package dev.loopinfo.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.loopinfo.ServerTest;

/** The application's own routes, read from its router functions, name every path. */
@ServerTest
class RouteTemplatesTest {

    @Autowired
    RouteTemplates routes;

    @ParameterizedTest
    @CsvSource({ "/, /", "/hello/Ada, /hello/{name}", "/hello/a%2Fb, /hello/{name}", "/hello/%F0%9F%98%80, /hello/{name}",
            "/hello, /hello", "/hello/, /hello/", "/pipeline, /pipeline", "/pipeline/events, /pipeline/events",
            "/api/pipeline, /api/pipeline", "/api/pipeline/runs, /api/pipeline/runs",
            "/css/loopinfo.css, /css/loopinfo.css", "/js/pipeline.js, /js/pipeline.js", "/favicon.svg, /favicon.svg",
            "/lessons, /lessons", "/lessons/interleave, /lessons/{lesson}", "/lessons/nope, /lessons/{lesson}",
            "/lessons/hello-world/events, /lessons/{lesson}/events",
            "/hello/Ada/again, UNMATCHED", "/nowhere, UNMATCHED", "/actuator/health, UNMATCHED",
            "/css/missing.css, UNMATCHED", "'', UNMATCHED" })
    void mapsPathsToTheirRouteTemplate(String path, String template) {
        assertThat(routes.template(path)).isEqualTo(template);
    }
}
