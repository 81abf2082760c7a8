package org.aoelab.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** decode(encode(x)) == x over generated frames of every command, and encode(decode(b)) == b. */
class RoundTripTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 0xA0E})
    void decodeOfEncodeGivesTheSameValue(long seed) throws Exception {
        FrameGenerator gen = new FrameGenerator(seed);
        for (int i = 0; i < 4_000; i++) {
            AoeFrame f = gen.next();
            Bytes wire = AoeCodec.encode(f);
            assertThat(wire.length()).as("padded to 60").isGreaterThanOrEqualTo(60);
            AoeFrame back = AoeCodec.decode(wire);
            assertThat(back).as("seed %d frame %d: %s", seed, i, wire.toHex()).isEqualTo(f);
            assertThat(AoeCodec.encode(back)).isEqualTo(wire);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    void encodeToAndEncodeAgree(long seed) {
        FrameGenerator gen = new FrameGenerator(seed);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(10_000);
        for (int i = 0; i < 1_000; i++) {
            AoeFrame f = gen.next();
            buf.clear();
            int n = AoeCodec.encodeTo(f, buf);
            assertThat(Bytes.copyOf(buf.array(), 0, n)).isEqualTo(AoeCodec.encode(f));
        }
    }
}
