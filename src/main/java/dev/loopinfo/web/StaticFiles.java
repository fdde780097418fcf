package dev.loopinfo.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;

import reactor.core.publisher.Mono;

/**
 * The site's own static files under {@code classpath:/static/} (stylesheet, scripts, icon), found once at
 * start-up, with the time each last changed, and looked up by exact path. Spring's default resource handler serves {@code /**}: it would look every
 * unknown path up in four class-path locations across every jar, which made a 404 cost many times a page.
 */
public final class StaticFiles {

    private static final String ROOT = "/static/";

    private final Map<String, Resource> files;

    // Read once here: asking a jar entry for its time opens a connection to it, on every request otherwise.
    private final Map<Resource, Long> lastModified;

    private StaticFiles(Map<String, Resource> files) {
        this.files = files;
        this.lastModified = files.values().stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), StaticFiles::lastModified));
    }

    static StaticFiles of(ResourcePatternResolver resources) {
        try {
            // Class-path order: should a library bring a file of the same path, the application's own wins.
            Map<String, Resource> files = Stream.of(resources.getResources("classpath:" + ROOT + "**/*.*"))
                .filter(Resource::isReadable)
                .collect(Collectors.toMap(StaticFiles::path, Function.identity(), (first, later) -> first,
                        LinkedHashMap::new));
            return new StaticFiles(Map.copyOf(files));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot list the static files", ex);
        }
    }

    /** The request path of every file, such as {@code /css/loopinfo.css}. */
    public Set<String> paths() {
        return files.keySet();
    }

    /** The file a request asks for, or empty. */
    Mono<Resource> lookup(ServerRequest request) {
        return Mono.justOrEmpty(files.get(request.path()));
    }

    /** Sets {@code Last-Modified} on the answer for one of these files. */
    void headers(Resource file, HttpHeaders headers) {
        headers.setLastModified(lastModified.get(file));
    }

    private static long lastModified(Resource resource) {
        try {
            return resource.lastModified();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String path(Resource resource) {
        try {
            String url = resource.getURL().toString();
            return url.substring(url.lastIndexOf(ROOT) + ROOT.length() - 1);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
