package dev.loopinfo.web;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.samskivert.mustache.Mustache;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Every Mustache template's source, read into memory at start-up with its partials ({@code {{>layout/head}}})
 * already written in, so that rendering a page on an event loop reads no file and loads no partial lazily
 * (JMustache loads a partial on first use under a lock). Keys are names relative to the template folder, without
 * suffix ({@code index}, {@code layout/head}, {@code error/404}).
 */
class TemplateSources implements Mustache.TemplateLoader {

    private static final Pattern PARTIAL = Pattern.compile("\\{\\{>\\s*([\\w/.-]+)\\s*}}");

    private static final int MAX_PARTIAL_DEPTH = 10;

    private final Map<String, String> sources;

    TemplateSources(ResourcePatternResolver resources, String prefix, String suffix, Charset charset) {
        try {
            Map<String, String> raw = Stream.of(resources.getResources(prefix + "**/*" + suffix))
                .collect(Collectors.toUnmodifiableMap(resource -> name(resource, prefix, suffix),
                        resource -> read(resource, charset)));
            this.sources = raw.keySet().stream()
                .collect(Collectors.toUnmodifiableMap(name -> name, name -> expand(name, raw, 0)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot list the templates under " + prefix, ex);
        }
    }

    Set<String> names() {
        return sources.keySet();
    }

    @Override
    public Reader getTemplate(String name) {
        String source = sources.get(name);
        if (source == null) {
            throw new IllegalArgumentException("No template named '" + name + "'; known: " + sources.keySet());
        }
        return new StringReader(source);
    }

    /** The template with each {@code {{>partial}}} replaced by the partial's own (expanded) source. */
    private static String expand(String name, Map<String, String> raw, int depth) {
        if (depth > MAX_PARTIAL_DEPTH) {
            throw new IllegalStateException("Partials nested too deeply in template '" + name + "'");
        }
        Matcher partial = PARTIAL.matcher(raw.get(name));
        StringBuilder expanded = new StringBuilder();
        while (partial.find()) {
            String included = partial.group(1);
            if (!raw.containsKey(included)) {
                throw new IllegalStateException("Template '" + name + "' includes unknown partial '" + included + "'");
            }
            partial.appendReplacement(expanded, Matcher.quoteReplacement(expand(included, raw, depth + 1)));
        }
        partial.appendTail(expanded);
        return expanded.toString();
    }

    private static String name(Resource resource, String prefix, String suffix) {
        try {
            String url = resource.getURL().toString();
            String folder = prefix.substring(prefix.indexOf(':') + 1);
            String relative = url.substring(url.lastIndexOf(folder) + folder.length());
            return relative.substring(0, relative.length() - suffix.length());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String read(Resource resource, Charset charset) {
        try {
            return resource.getContentAsString(charset);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read template " + resource, ex);
        }
    }
}
