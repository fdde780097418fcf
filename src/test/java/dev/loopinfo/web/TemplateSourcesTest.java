package dev.loopinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.FileCopyUtils;

class TemplateSourcesTest {

    private final TemplateSources sources = new TemplateSources(new PathMatchingResourcePatternResolver(),
            "classpath:/templates/", ".mustache", StandardCharsets.UTF_8);

    @Test
    void everyTemplateIsReadWithItsPartialsWrittenIn() throws IOException {
        assertThat(sources.names()).contains("index", "greeting", "error/404", "error/error", "layout/head",
                "lesson", "lessons", "pipeline");
        try (Reader index = sources.getTemplate("index")) {
            assertThat(FileCopyUtils.copyToString(index)).contains("<!DOCTYPE html>", "<h1>Index</h1>", "</html>")
                .doesNotContain("{{>");
        }
    }
}
