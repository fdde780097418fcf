package dev.loopinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.samskivert.mustache.Mustache;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

import io.netty.buffer.UnpooledByteBufAllocator;

/** Pages are encoded straight into the response buffer, whatever the buffer and the charset. */
class PageViewTest {

    static Object[][] buffers() {
        return new Object[][] {
            { new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT), StandardCharsets.UTF_8 },
            { new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT), StandardCharsets.ISO_8859_1 },
            { DefaultDataBufferFactory.sharedInstance, StandardCharsets.UTF_8 },
        };
    }

    @ParameterizedTest
    @MethodSource("buffers")
    void everyWayOfWritingEncodesInTheCharset(DataBufferFactory factory, Charset charset) {
        DataBuffer page = factory.allocateBuffer(4);
        PageView.PageWriter writer = new PageView.PageWriter(page, charset);

        writer.write("<h1>Hello, José");
        writer.write("xx & ü yy", 3, 5);
        writer.write(new char[] { '!', '<', '/', 'h', '1', '>', '?' }, 0, 6);
        writer.append('\n').append("Grüße").append("..ß..", 2, 3);

        assertThat(read(page, charset)).isEqualTo("<h1>Hello, José& ü y!</h1>\nGrüßeß");
    }

    @ParameterizedTest
    @MethodSource("buffers")
    void aTemplateLongerThanTheFirstBufferIsWrittenWhole(DataBufferFactory factory, Charset charset) {
        String line = "<li>{{name}} — ünïcödé</li>\n";
        DataBuffer page = factory.allocateBuffer(64);

        Mustache.compiler().compile(line.repeat(1_000)).execute(Map.of("name", "Ada & <Bob>"),
                new PageView.PageWriter(page, charset));

        assertThat(read(page, charset))
            .isEqualTo(asEncoded("<li>Ada &amp; &lt;Bob&gt; — ünïcödé</li>\n".repeat(1_000), charset));
    }

    @ParameterizedTest
    @MethodSource("buffers")
    void charactersOutsideTheCharsetAreReplacedAsAWriterWouldReplaceThem(DataBufferFactory factory, Charset charset) {
        String text = "smile 😀 and a lone \uD83D surrogate";
        DataBuffer page = factory.allocateBuffer(16);

        new PageView.PageWriter(page, charset).write(text);

        assertThat(read(page, charset)).isEqualTo(asEncoded(text, charset)).contains("smile ", " surrogate");
    }

    /** The text as a writer in this charset encodes it: what the charset cannot hold becomes {@code ?}. */
    private static String asEncoded(String text, Charset charset) {
        return new String(text.getBytes(charset), charset);
    }

    private static String read(DataBuffer page, Charset charset) {
        try {
            return page.toString(charset);
        }
        finally {
            DataBufferUtils.release(page);
        }
    }
}
