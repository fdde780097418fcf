package dev.loopinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

import io.netty.buffer.PooledByteBufAllocator;

/**
 * Renders a page record as the server does, into a pooled Netty buffer, and compares it
 * with a golden file: the bytes the page had when it was rendered by JMustache at run
 * time ({@code src/test/resources/pages}).
 */
public final class PageBytes {

    /**
     * Characters HTML-escaped by a value, every one of them: markup, quotes, backtick,
     * equals, and non-ASCII.
     */
    public static final String HOSTILE = "<script>alert('x')</script> & \"q\" `=` Zoë 😀";

    private PageBytes() {
    }

    /** The page's bytes as the server writes them. */
    public static byte[] render(Object page) {
        PageEncoder encoder = new PageEncoder();
        ResolvableType type = ResolvableType.forInstance(page);
        assertThat(encoder.canEncode(type, Routing.HTML)).as("a page").isTrue();
        DataBuffer buffer = encoder.encodeValue(page, new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT), type,
                Routing.HTML, null);
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    /**
     * Asserts that the page renders to the golden file's exact bytes. The one change from
     * JMustache, for values only: JStachio writes an apostrophe as {@code &#x27;} where
     * JMustache wrote {@code &#39;}, the same character.
     */
    public static void assertGolden(Object page, String golden) {
        if (Boolean.getBoolean("pages.update")) {
            write(page, golden);
        }
        String expected = new String(golden(golden), StandardCharsets.UTF_8).replace("&#39;", "&#x27;");
        assertThat(new String(render(page), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(render(page)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * With {@code -Dpages.update=true}, a changed page becomes its golden file, to be
     * reviewed in the diff.
     */
    private static void write(Object page, String name) {
        try {
            Files.write(Path.of("src/test/resources/pages", name + ".html"), render(page));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] golden(String name) {
        try (InputStream in = PageBytes.class.getResourceAsStream("/pages/" + name + ".html")) {
            assertThat(in).as("golden file pages/" + name + ".html").isNotNull();
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
