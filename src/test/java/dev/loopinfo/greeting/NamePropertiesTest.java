package dev.loopinfo.greeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import org.springframework.web.util.UriUtils;

/** The name rules, for names no one thought to write down. */
class NamePropertiesTest {

    private static final int MAX = 64;

    @Property
    void anyNameWithinTheLimitRoundTripsThroughItsEncoding(@ForAll @StringLength(min = 1, max = 64) String name) {
        String trimmed = name.strip();
        Assume.that(!trimmed.isEmpty() && trimmed.codePointCount(0, trimmed.length()) <= MAX);
        Assume.that(isWellFormed(name));

        assertThat(Name.fromPathSegment(UriUtils.encodePathSegment(name, StandardCharsets.UTF_8), MAX).value())
            .isEqualTo(trimmed);
    }

    @Property
    void anyNameOverTheLimitIsRefused(
            @ForAll @StringLength(min = 65, max = 300) @CharRange(from = '!', to = '~') String name) {
        assertThatThrownBy(() -> Name.fromPathSegment(UriUtils.encodePathSegment(name, StandardCharsets.UTF_8), MAX))
            .isInstanceOf(Name.Invalid.class)
            .hasMessageContaining("The name is " + name.length() + " characters long.");
    }

    @Property
    void whitespaceAloneIsNoName(
            @ForAll @StringLength(min = 0, max = 20) @Chars({ ' ', '\t', '\n', '\u2003' }) String blank) {
        assertThatThrownBy(() -> Name.fromPathSegment(UriUtils.encodePathSegment(blank, StandardCharsets.UTF_8), MAX))
            .isInstanceOf(Name.Invalid.class)
            .hasMessageContaining("The name is empty.");
    }

    @Property
    void bytesAreAcceptedExactlyWhenTheyAreUtf8(@ForAll byte[] bytes, @ForAll @IntRange(min = 0, max = 3) int pad) {
        Assume.that(bytes.length > 0 && bytes.length <= 60);
        StringBuilder encoded = new StringBuilder("x".repeat(pad));
        for (byte b : bytes) {
            encoded.append('%').append(String.format("%02X", b & 0xFF));
        }
        String decoded = strictUtf8(bytes);

        if (decoded == null) {
            assertThatThrownBy(() -> Name.fromPathSegment(encoded.toString(), 1024))
                .hasMessageContaining("not valid percent-encoded UTF-8");
        }
        else if (!("x".repeat(pad) + decoded).strip().isEmpty()) {
            assertThat(Name.fromPathSegment(encoded.toString(), 1024).value())
                .isEqualTo(("x".repeat(pad) + decoded).strip());
        }
    }

    private static boolean isWellFormed(String text) {
        return strictUtf8(text.getBytes(StandardCharsets.UTF_8)) != null
                && text.equals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        }
        catch (CharacterCodingException malformed) {
            return null;
        }
    }

}
