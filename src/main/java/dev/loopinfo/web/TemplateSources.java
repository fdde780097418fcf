package dev.loopinfo.web;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.samskivert.mustache.Mustache;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Every Mustache template's source, read into memory at start-up, so that compiling a page or one of its
 * partials on an event loop reads no file. Keys are names relative to the template folder, without suffix
 * ({@code index}, {@code layout/head}, {@code error/404}).
 */
class TemplateSources implements Mustache.TemplateLoader {

    private final Map<String, String> sources;

    TemplateSources(ResourcePatternResolver resources, String prefix, String suffix, Charset charset) {
        try {
            this.sources = Stream.of(resources.getResources(prefix + "**/*" + suffix))
                .collect(Collectors.toUnmodifiableMap(resource -> name(resource, prefix, suffix),
                        resource -> read(resource, charset)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot list the templates under " + prefix, ex);
        }
    }

    boolean contains(String name) {
        return sources.containsKey(name);
    }

    @Override
    public Reader getTemplate(String name) {
        String source = sources.get(name);
        if (source == null) {
            throw new IllegalArgumentException("No template named '" + name + "'; known: " + sources.keySet());
        }
        return new StringReader(source);
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
