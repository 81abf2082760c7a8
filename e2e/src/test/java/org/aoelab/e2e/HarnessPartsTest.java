package org.aoelab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's pure parts: what it reads from apt, ELF files and the guest, and what it tells the guest. */
class HarnessPartsTest {
    static final String SHA = "b8a71b034d7f27ac7521e874ed0c22673981198220dfa14e5eea3e5d003f45cf";

    @Test
    void compressedModulesGoIntoTheGuestPlain(@TempDir Path dir) throws Exception {
        byte[] module = new byte[200_000];
        new java.util.Random(3).nextBytes(module);
        java.util.Arrays.fill(module, 0, 100_000, (byte) 0x7f); // something to compress
        Path plain = dir.resolve("aoe.ko");
        Files.write(plain, module);
        Path gz = dir.resolve("gz.ko.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(module);
        }
        assertThat(GuestHarness.moduleBytes(plain)).isEqualTo(module);
        assertThat(GuestHarness.moduleBytes(gz)).isEqualTo(module);
        org.aoelab.testing.RealTools.requireTool("xz");
        org.aoelab.testing.ProcessResult xz = org.aoelab.testing.RealTools.run(Duration.ofSeconds(30), "xz", "-k", plain.toString());
        assertThat(xz.succeeded()).as(xz.describe()).isTrue();
        assertThat(GuestHarness.moduleBytes(dir.resolve("aoe.ko.xz"))).isEqualTo(module);

        assertThat(GuestHarness.moduleFileName("kernel/drivers/block/aoe/aoe.ko.xz")).isEqualTo("aoe.ko");
        assertThat(GuestHarness.moduleFileName("kernel/net/core/failover.ko")).isEqualTo("failover.ko");
        Path odd = dir.resolve("x.ko.lz4");
        Files.write(odd, module);
        assertThatThrownBy(() -> GuestHarness.moduleBytes(odd)).isInstanceOf(IOException.class)
                .hasMessageContaining("x.ko.lz4 is compressed in a way the harness does not know");
        Path broken = dir.resolve("broken.ko.xz");
        Files.write(broken, module);
        assertThatThrownBy(() -> GuestHarness.moduleBytes(broken)).isInstanceOf(IOException.class)
                .hasMessageContaining("xz -dc").hasMessageContaining("failed with exit status");
    }

    @Test
    void kernelPackageIsTheMetaPackagesVersionedDependency() {
        String out = "linux-image-amd64\n  Depends: linux-image-6.1.0-57-amd64\n";

        assertThat(KernelPackage.packageName(out)).isEqualTo("linux-image-6.1.0-57-amd64");
        assertThatThrownBy(() -> KernelPackage.packageName("linux-image-amd64\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no linux-image-* package");
    }

    @Test
    void resultLinesParseEvenAfterKernelOutputOnTheSameLine() {
        GuestResult r = GuestResult.parse("[    7.1] random: crng init doneAOELAB-RESULT variant=v target=1.0 label=x ok=1"
                + " size=67108864 write_MBps=22.98 read_MBps=9.32");

        assertThat(r.ok()).isTrue();
        assertThat(r.target()).isEqualTo("1.0");
        assertThat(r.writeMBps()).isEqualTo(22.98);
        assertThat(r.readMBps()).isEqualTo(9.32);
        assertThat(r.number("missing")).isNaN();
        assertThat(r.line()).startsWith("AOELAB-RESULT variant=v");
        assertThat(GuestResult.parse("AOELAB-RESULT ok=0 reason=no-device").ok()).isFalse();
        assertThat(GuestResult.parse("AOELAB-LOCK owner=guest final=", GuestResult.LOCK_PREFIX).get("final")).isEmpty();
        assertThatThrownBy(() -> GuestResult.parse("AOELAB-RESULT ok"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ok'");
    }

    @Test
    void specBecomesKernelArgumentsAndRefusesImpossibleLayouts() {
        HostRegion region = new HostRegion(48, 1, SHA);
        GuestSpec spec = new GuestSpec("profiles", List.of(new GuestSpec.Disk(1, 0, "aoelab"), new GuestSpec.Disk(1, 1,
                "vblade")), 64L << 20, 16, region, 180, Duration.ofMinutes(3));

        assertThat(spec.kernelArguments()).isEqualTo("aoelab.variant=profiles aoelab.targets=1.0:aoelab,1.1:vblade"
                + " aoelab.size=67108864 aoelab.mib=16 aoelab.hostoff=48 aoelab.hostmib=1 aoelab.hostsha=" + SHA
                + " aoelab.deadsecs=180 aoelab.wait=60");
        assertThatThrownBy(() -> new GuestSpec("x", List.of(new GuestSpec.Disk(1, 0, "a")), 64L << 20, 49, region, 180,
                Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region is");
        assertThatThrownBy(() -> new GuestSpec("has space", List.of(new GuestSpec.Disk(1, 0, "a")), 64L << 20, 1,
                region, 180, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variant is 'has space'");
        assertThatThrownBy(() -> new GuestSpec.Disk(0xFFFF, 0, "a")).hasMessageContaining("shelf is 65535");
        assertThat(spec.withFileSystem(new GuestSpec.Disk(1, 5, "fs")).holding("read").kernelArguments())
                .endsWith(" aoelab.hold=read aoelab.fs=1.5");
        assertThatThrownBy(() -> spec.withFileSystem(new GuestSpec.Disk(1, 1, "fs")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fileSystem is e1.1, one of the targets");
        assertThatThrownBy(() -> spec.holding("boot")).hasMessageContaining("hold is [boot]");
        assertThatThrownBy(() -> new HostRegion(0, 1, "ABC")).hasMessageContaining("sha256 is 'ABC'");
    }

    @Test
    void sharedLibrariesComeFromLddsOutputWithoutTheVdso() {
        String ldd = "\tlinux-vdso.so.1 (0x00007ffd)\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f42)\n"
                + "\t/lib64/ld-linux-x86-64.so.2 (0x00007f43)\n";

        assertThat(GuestHarness.sharedLibraries(ldd)).containsExactly("/lib/x86_64-linux-gnu/libc.so.6",
                "/lib64/ld-linux-x86-64.so.2");
    }

    @Test
    void staticElfHasNoInterpreter() {
        assertThat(GuestHarness.isStaticElf(elf(1, 6))).isTrue();
        assertThat(GuestHarness.isStaticElf(elf(6, 3, 1))).isFalse();
        assertThatThrownBy(() -> GuestHarness.isStaticElf("#!/bin/sh\n".repeat(10).getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not ELF");
    }

    /** A minimal 64-bit little-endian ELF header followed by program headers of the given types. */
    private static byte[] elf(int... types) {
        ByteBuffer b = ByteBuffer.allocate(64 + 56 * types.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putLong(32, 64).putShort(54, (short) 56).putShort(56, (short) types.length);
        for (int i = 0; i < types.length; i++) b.putInt(64 + 56 * i, types[i]);
        return b.array();
    }

    @Test
    void diskImageHoldsTheSeededRegionAndItsChecksum(@TempDir Path tmp) throws IOException {
        Path disk = tmp.resolve("d.img");

        HostRegion region = DiskImage.create(disk, 4L << 20, 2, 1, 8);

        assertThat(Files.size(disk)).isEqualTo(4L << 20);
        assertThat(DiskImage.sha256(disk, 2L << 20, 1L << 20)).isEqualTo(region.sha256());
        assertThat(DiskImage.sha256(disk, 0, 1L << 20)).isNotEqualTo(region.sha256());
        assertThat(DiskImage.create(tmp.resolve("e.img"), 4L << 20, 2, 1, 8)).isEqualTo(region);
        assertThat(DiskImage.create(tmp.resolve("f.img"), 4L << 20, 2, 1, 9)).isNotEqualTo(region);
    }
}
