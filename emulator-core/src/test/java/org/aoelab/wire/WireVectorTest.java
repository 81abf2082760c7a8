package org.aoelab.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every vector of {@code src/test/resources/vectors}: the worked examples of protocol
 * reference section 6 (v1-v12) and further frames real implementations send.
 */
class WireVectorTest {

    static List<String> valid() {
        return VectorFile.list("", true);
    }

    static List<String> malformed() {
        return VectorFile.list("malformed", false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void decodesToTheExpectedValue(String vector) throws Exception {
        AoeFrame decoded = AoeCodec.decode(VectorFile.read(vector));
        Path expected = VectorFile.root().resolve(vector.replace(".hex", ".expected"));
        if (!Files.exists(expected) && Boolean.getBoolean("vectors.write")) {
            Files.writeString(expected, decoded + "\n");
        }
        assertThat(decoded.toString()).isEqualTo(Files.readString(expected).strip());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void reencodesByteForByteWithPaddingTo60(String vector) throws Exception {
        Bytes raw = VectorFile.read(vector);
        AoeFrame decoded = AoeCodec.decode(raw);
        assertThat(AoeCodec.encode(decoded).toHex()).isEqualTo(VectorFile.pad60(raw).toHex());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void decodesThePaddedFormToTheSameValue(String vector) throws Exception {
        Bytes raw = VectorFile.read(vector);
        assertThat(AoeCodec.decode(VectorFile.pad60(raw))).isEqualTo(AoeCodec.decode(raw));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedVectorRaisesTheReasonInItsName(String vector) throws IOException {
        Bytes raw = VectorFile.read(vector);
        String file = Path.of(vector).getFileName().toString();
        MalformedFrameException.Reason expected = java.util.Arrays.stream(MalformedFrameException.Reason.values())
                .filter(r -> file.startsWith(r.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-"))
                .findFirst().orElseThrow(() -> new AssertionError(file + " is not named for a Reason"));
        assertThatThrownBy(() -> AoeCodec.decode(raw))
                .isInstanceOfSatisfying(MalformedFrameException.class, e -> {
                    assertThat(e.reason()).isEqualTo(expected);
                    assertThat(e.offset()).isBetween(0, raw.length());
                    assertThat(e.getMessage()).contains("offset " + e.offset());
                });
    }
}
