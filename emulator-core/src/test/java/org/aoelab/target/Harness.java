package org.aoelab.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.aoelab.wire.AoeArg;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AoeHeader;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.aoelab.wire.MacMaskArg;
import org.aoelab.wire.MalformedFrameException;
import org.aoelab.wire.ReserveArg;
import org.aoelab.wire.VectorFile;

/**
 * One target engine over a {@link TestDisk}, with request builders and answer decoding. Addresses
 * follow the protocol reference's worked examples (section 6): initiator 02:00:00:00:00:01,
 * target 02:00:00:00:00:02 at e3.1.
 */
final class Harness {
    static final MacAddress HOST = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress TARGET = MacAddress.parse("02:00:00:00:00:02");
    static final MacAddress OTHER = MacAddress.parse("02:00:00:00:00:03");
    static final int SHELF = 3;
    static final int SLOT = 1;
    /** 1 GiB, as in vector V4. */
    static final long SECTORS = 0x200000;

    final TestDisk disk;
    final TargetEngine engine;

    Harness(TargetConfig config, TestDisk disk, int mtu) {
        this.disk = disk;
        this.engine = new TargetEngine(config, disk, TARGET, mtu);
    }

    static Harness of(TargetProfile profile) {
        return new Harness(TargetConfig.builder(SHELF, SLOT).profile(profile).build(), TestDisk.patterned(SECTORS), 1500);
    }

    static Harness of(TargetConfig.Builder config) {
        return new Harness(config.build(), TestDisk.patterned(SECTORS), 1500);
    }

    static Harness aoelab() {
        return of(TargetProfile.AOELAB);
    }

    static TargetConfig.Builder config() {
        return TargetConfig.builder(SHELF, SLOT);
    }

    // ------------------------------------------------------------ requests

    static AoeFrame request(AoeArg arg) {
        return request(HOST, SHELF, SLOT, arg, 0x1234);
    }

    static AoeFrame request(MacAddress from, AoeArg arg) {
        return request(from, SHELF, SLOT, arg, 0x1234);
    }

    static AoeFrame request(MacAddress from, int major, int minor, AoeArg arg, long tag) {
        return AoeFrame.request(TARGET, from, major, minor, tag, arg);
    }

    /** A request to Ethernet broadcast, as discovery goes out. */
    static AoeFrame broadcast(int major, int minor, AoeArg arg, long tag) {
        return AoeFrame.request(MacAddress.BROADCAST, HOST, major, minor, tag, arg);
    }

    static AoeFrame configRequest(ConfigCommand c, String s) {
        return request(ConfigArg.request(c, Bytes.ofUtf8(s)));
    }

    static AoeFrame ata(AtaArg a) {
        return request(a);
    }

    static AoeFrame maskEdit(MacAddress from, MacMaskArg.Directive... d) {
        return request(from, MacMaskArg.edit(List.of(d)));
    }

    static AoeFrame reserveSet(MacAddress from, MacAddress... macs) {
        return request(from, ReserveArg.set(List.of(macs)));
    }

    /** {@code b} with byte {@code at} replaced. */
    static Bytes with(Bytes b, int at, int value) {
        byte[] a = b.toArray();
        a[at] = (byte) value;
        return Bytes.adopt(a);
    }

    /** The meaningful bytes only, as a Linux host writes them into a TAP (no padding). */
    static Bytes unpadded(AoeFrame f) {
        return AoeCodec.encode(f).slice(0, f.meaningfulLength());
    }

    static Bytes vector(String name) {
        return VectorFile.read(name);
    }

    /** A vector padded to 60 bytes, as a target sends it. */
    static Bytes sent(String name) {
        return VectorFile.pad60(VectorFile.read(name));
    }

    // ------------------------------------------------------------ sending

    Outcome send(AoeFrame request) {
        return engine.handle(AoeCodec.encode(request));
    }

    Outcome send(Bytes frame) {
        return engine.handle(frame);
    }

    /** Sends and returns the decoded answer, asserting there is one. */
    AoeFrame answer(AoeFrame request) {
        return answer(send(request));
    }

    AoeFrame answer(Bytes frame) {
        return answer(send(frame));
    }

    static AoeFrame answer(Outcome o) {
        assertThat(o.drop()).as("drop reason of %s", o).isNull();
        assertThat(o.answer()).isNotNull();
        return decode(o.answer());
    }

    static AoeFrame decode(Bytes b) {
        try {
            return AoeCodec.decode(b);
        } catch (MalformedFrameException e) {
            throw new AssertionError("answer does not decode: " + b.toHex(), e);
        }
    }

    /** Asserts the outcome is a drop for {@code reason}. */
    static void assertDropped(Outcome o, DropReason reason) {
        assertThat(o.drop()).as("outcome %s", o).isEqualTo(reason);
        assertThat(o.answers()).isEmpty();
    }

    /** Asserts an AoE error answer with {@code code}, returns it. */
    static AoeFrame assertAoeError(Outcome o, int code) {
        AoeFrame a = answer(o);
        assertThat(a.header().error()).as("E flag of %s", a).isTrue();
        assertThat(a.header().errorCode()).as("error code of %s", a).isEqualTo(code);
        assertThat(a.header().verFlags()).isEqualTo(0x1C);
        return a;
    }

    /** Asserts a good answer (no E flag) and returns its ATA argument. */
    static AtaArg assertAta(Outcome o) {
        AoeFrame a = answer(o);
        assertThat(a.header().error()).as("E flag of %s", a).isFalse();
        return (AtaArg) a.arg();
    }

    static ConfigArg assertConfig(Outcome o) {
        AoeFrame a = answer(o);
        assertThat(a.header().error()).as("E flag of %s", a).isFalse();
        return (ConfigArg) a.arg();
    }

    static AoeHeader header(Outcome o) {
        return answer(o).header();
    }
}
