package dev.loopinfo.greeting;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.util.UriUtils;

/**
 * A visitor's name, as the greeting uses it: percent-decoded as strict UTF-8, trimmed of
 * surrounding whitespace, and 1 to {@code maxLength} code points long. Any character is
 * allowed; pages escape it.
 *
 * @param value the decoded, trimmed name
 */
record Name(String value) {

    /**
     * Reads a name from a raw (still percent-encoded) path segment.
     * @throws Invalid stating the name rule when the segment breaks it
     */
    static Name fromPathSegment(String rawSegment, int maxLength) {
        return of(decode(rawSegment, maxLength), maxLength);
    }

    /** Reads a name from a raw form value, where {@code +} stands for a space. */
    static Name fromFormValue(String rawValue, int maxLength) {
        return fromPathSegment(rawValue.replace("+", "%20"), maxLength);
    }

    /** Checks an already decoded name against the rule. */
    static Name of(String decoded, int maxLength) {
        String name = decoded.strip();
        int length = name.codePointCount(0, name.length());
        if (length == 0) {
            throw invalid("The name is empty.", maxLength);
        }
        if (length > maxLength) {
            throw invalid("The name is " + length + " characters long.", maxLength);
        }
        return new Name(name);
    }

    /** The rule, as every 400 answer states it. */
    static String rule(int maxLength) {
        return "A name is 1 to " + maxLength
                + " characters of percent-encoded UTF-8; surrounding whitespace is trimmed.";
    }

    private static String decode(String raw, int maxLength) {
        // Spring's own decoding turns malformed UTF-8 into U+FFFD; a name must arrive
        // exactly as sent.
        try {
            String bytes = UriUtils.decode(raw, StandardCharsets.ISO_8859_1);
            return StandardCharsets.UTF_8.newDecoder()
                .decode(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1)))
                .toString();
        }
        catch (CharacterCodingException | IllegalArgumentException malformed) {
            throw invalid("The name is not valid percent-encoded UTF-8.", maxLength);
        }
    }

    private static Invalid invalid(String problem, int maxLength) {
        return new Invalid(problem + " " + rule(maxLength));
    }

    /**
     * A name that breaks the rule: what is wrong with it, then the rule. A client's
     * fault, answered 400.
     */
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    static final class Invalid extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }

    }
}
