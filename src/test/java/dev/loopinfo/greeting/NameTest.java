package dev.loopinfo.greeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "Ada                | Ada", "Jos%C3%A9          | José", "%20%E2%80%83Ada%0A | Ada",
                    "Ada+Lovelace       | Ada+Lovelace", "%25                | %", "%EF%BF%BD          | \uFFFD" })
    void pathSegmentsAreDecodedAsUtf8AndTrimmed(String raw, String expected) {
        assertThat(Name.fromPathSegment(raw, 64).value()).isEqualTo(expected);
    }

    @Test
    void controlCharactersAreAllowedAndKept() {
        assertThat(Name.fromPathSegment("a%00b", 64).value()).isEqualTo("a\u0000b");
    }

    @Test
    void rawLatin1BytesInAPathAreReadAsUtf8() {
        // A client that sends UTF-8 unencoded arrives as one char per byte.
        String rawUtf8Bytes = new String("José".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(Name.fromPathSegment(rawUtf8Bytes, 64).value()).isEqualTo("José");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "Ada+Lovelace | Ada Lovelace", "1%2B1        | 1+1", "+Ada+        | Ada" })
    void formValuesTreatPlusAsSpace(String raw, String expected) {
        assertThat(Name.fromFormValue(raw, 64).value()).isEqualTo(expected);
    }

    @Test
    void lengthIsCountedInCodePoints() {
        assertThat(Name.of("😀".repeat(3), 3).value()).isEqualTo("😀😀😀");
        assertThatThrownBy(() -> Name.of("😀".repeat(4), 3)).isInstanceOf(Name.Invalid.class)
            .hasMessageStartingWith("The name is 4 characters long.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "%20%09", "%E2%80%83" })
    void blankNamesAreRefused(String raw) {
        assertRefused(raw, "The name is empty.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "%C3%28", "%FF", "%C3", "%ED%A0%80", "%F4%90%80%80", "%ZZ", "%", "Jos\u00E9\u0100" })
    void malformedEncodingsAreRefused(String raw) {
        assertRefused(raw, "The name is not valid percent-encoded UTF-8.");
    }

    @Test
    void theRuleNamesTheConfiguredMaximum() {
        assertThat(Name.rule(12))
            .isEqualTo("A name is 1 to 12 characters of percent-encoded UTF-8; surrounding whitespace is trimmed.");
    }

    private static void assertRefused(String raw, String problem) {
        assertThatThrownBy(() -> Name.fromPathSegment(raw, 64)).isInstanceOf(Name.Invalid.class)
            .hasMessage(problem + " " + Name.rule(64));
    }

}
