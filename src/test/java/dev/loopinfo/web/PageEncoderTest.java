package dev.loopinfo.web;

import static dev.loopinfo.web.PageBytes.HOSTILE;
import static dev.loopinfo.web.PageBytes.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.MediaType;

import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Page records are written as UTF-8 HTML straight into the response buffer; nothing else
 * is taken for a page.
 */
class PageEncoderTest {

    @Test
    void notFoundPage() {
        assertGolden(new NotFoundPage("/no/" + HOSTILE), "error-404");
    }

    @Test
    void errorPageWithItsMessage() {
        assertGolden(new ErrorPage(400, "Bad Request", "name is not valid: " + HOSTILE), "error-400");
    }

    @Test
    void errorPageWithoutAMessage() {
        assertGolden(new ErrorPage(500, "Internal Server Error", null), "error-500");
    }

    @Test
    void writesPagesAsHtmlInUtf8Only() {
        PageEncoder encoder = new PageEncoder();
        ResolvableType page = ResolvableType.forClass(NotFoundPage.class);

        assertThat(encoder.canEncode(page, MediaType.TEXT_HTML)).isTrue();
        assertThat(encoder.canEncode(page, Routing.HTML)).isTrue();
        assertThat(encoder.canEncode(page, null)).isTrue();
        assertThat(encoder.canEncode(page, MediaType.APPLICATION_JSON)).isFalse();
        assertThat(encoder.canEncode(page, new MediaType(MediaType.TEXT_HTML, StandardCharsets.ISO_8859_1))).isFalse();
        assertThat(encoder.canEncode(ResolvableType.forClass(String.class), MediaType.TEXT_HTML)).isFalse();
        assertThat(encoder.canEncode(ResolvableType.forClass(PageEncoderTest.class), MediaType.TEXT_HTML)).isFalse();
    }

    static DataBufferFactory[] buffers() {
        return new DataBufferFactory[] { new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT),
                DefaultDataBufferFactory.sharedInstance };
    }

    @ParameterizedTest
    @MethodSource("buffers")
    void everyWayOfWritingEncodesUtf8(DataBufferFactory factory) {
        DataBuffer buffer = factory.allocateBuffer(4);
        PageEncoder.BufferOutput output = new PageEncoder.BufferOutput(buffer);

        output.write("<h1>".getBytes(StandardCharsets.UTF_8));
        output.write("xxHixx".getBytes(StandardCharsets.UTF_8), 2, 2);
        output.append(", José");
        output.append((CharSequence) new StringBuilder(" & ü"));
        output.append("..ß😀..", 2, 5);
        output.append('!');
        output.append('é');

        assertThat(read(buffer)).isEqualTo("<h1>Hi, José & üß😀!é");
        assertThat(output.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("buffers")
    void aPageLongerThanTheFirstBufferIsWrittenWhole(DataBufferFactory factory) {
        String name = "ünïcödé ".repeat(2_000);

        DataBuffer buffer = new PageEncoder().encodeValue(new NotFoundPage(name), factory,
                ResolvableType.forClass(NotFoundPage.class), Routing.HTML, null);

        assertThat(read(buffer)).contains("<code>" + name + "</code>").endsWith("</html>\n\n");
    }

    private static String read(DataBuffer buffer) {
        try {
            return buffer.toString(StandardCharsets.UTF_8);
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

}
