package dev.loopinfo.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.util.DigestUtils;
import org.springframework.web.reactive.function.server.ServerRequest;

import reactor.core.publisher.Mono;

/**
 * The site's own static files under {@code classpath:/static/} (stylesheet, scripts,
 * icon), read into memory once at start-up with the time each last changed and a hash of
 * its content, and looked up by exact path. Browsers and caches keep them but ask again
 * each time ({@code Cache-Control: no-cache}), and hear 304 while the file's {@code ETag}
 * (its content's hash) or {@code Last-Modified} still holds. Spring's default resource
 * handler serves {@code /**}: it would look every unknown path up in four class-path
 * locations across every jar, which made a 404 cost many times a page; and reading a file
 * from its jar on every request cost more than a page.
 */
public final class StaticFiles {

    private static final String ROOT = "/static/";

    private final Map<String, HeldFile> files;

    private StaticFiles(Map<String, HeldFile> files) {
        this.files = files;
    }

    static StaticFiles of(ResourcePatternResolver resources) {
        try {
            // "classpath:" searches the first static folder on the class path only, the
            // application's own: a library's static files are not served, so no two files
            // can share a path.
            return new StaticFiles(Stream.of(resources.getResources("classpath:" + ROOT + "**/*.*"))
                .filter(Resource::isReadable)
                .collect(Collectors.toUnmodifiableMap(StaticFiles::path, HeldFile::of)));
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

    /**
     * Sets {@code Last-Modified}, {@code ETag} and {@code Cache-Control} on the answer
     * for one of these files ({@link #lookup} finds held files only).
     */
    void headers(Resource file, HttpHeaders headers) {
        HeldFile held = (HeldFile) file;
        headers.setLastModified(held.lastModified());
        headers.setETag(held.etag());
        headers.setCacheControl(Routing.NO_CACHE);
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

    /**
     * A static file's bytes, with the name that gives its content type (a byte array has
     * none), the time it last changed (asking a jar entry for it opens a connection to
     * the jar) and its entity tag, each found once.
     */
    private static final class HeldFile extends ByteArrayResource {

        private final String filename;

        private final long lastModified;

        private final String etag;

        private HeldFile(byte[] content, String description, String filename, long lastModified) {
            super(content, description);
            this.filename = filename;
            this.lastModified = lastModified;
            this.etag = "\"" + DigestUtils.md5DigestAsHex(content) + "\"";
        }

        static HeldFile of(Resource file) {
            try {
                return new HeldFile(file.getContentAsByteArray(), file.getDescription(), file.getFilename(),
                        file.lastModified());
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot read " + file.getDescription(), ex);
            }
        }

        @Override
        public String getFilename() {
            return filename;
        }

        @Override
        public long lastModified() {
            return lastModified;
        }

        /**
         * A strong entity tag: the content's MD5 (the hash Spring's
         * {@code ContentVersionStrategy} takes).
         */
        String etag() {
            return etag;
        }

    }

}
