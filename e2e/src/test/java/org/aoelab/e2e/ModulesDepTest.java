package org.aoelab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ModulesDepTest {
    /** The lines of Debian 6.1's modules.dep (as busybox depmod writes them) for the guest's modules. */
    static final String DEP = """
            kernel/drivers/net/ethernet/intel/e1000/e1000.ko:
            kernel/drivers/block/aoe/aoe.ko:
            kernel/drivers/net/virtio_net.ko: kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko kernel/drivers/net/net_failover.ko kernel/net/core/failover.ko
            kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_pci_modern_dev.ko kernel/drivers/virtio/virtio_pci_legacy_dev.ko kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
            kernel/drivers/virtio/virtio_ring.ko:
            kernel/drivers/virtio/virtio.ko: kernel/drivers/virtio/virtio_ring.ko
            kernel/drivers/virtio/virtio_pci_modern_dev.ko:
            kernel/drivers/virtio/virtio_pci_legacy_dev.ko:
            kernel/drivers/net/net_failover.ko: kernel/net/core/failover.ko
            kernel/net/core/failover.ko:
            """;

    @Test
    void everyModuleComesAfterWhatItNeedsAndOnlyOnce() {
        List<String> order = ModulesDep.parse(DEP).loadOrder(List.of("virtio_pci", "virtio_net", "aoe"));

        assertThat(order).containsExactly(
                "kernel/drivers/virtio/virtio_pci_modern_dev.ko",
                "kernel/drivers/virtio/virtio_pci_legacy_dev.ko",
                "kernel/drivers/virtio/virtio_ring.ko",
                "kernel/drivers/virtio/virtio.ko",
                "kernel/drivers/virtio/virtio_pci.ko",
                "kernel/net/core/failover.ko",
                "kernel/drivers/net/net_failover.ko",
                "kernel/drivers/net/virtio_net.ko",
                "kernel/drivers/block/aoe/aoe.ko");
    }

    @Test
    void namesMatchWithDashesOrUnderscoresAndCompressedFiles() {
        ModulesDep dep = ModulesDep.parse("kernel/a/virtio-foo.ko.xz:\n");

        assertThat(dep.loadOrder(List.of("virtio-foo"))).containsExactly("kernel/a/virtio-foo.ko.xz");
        assertThat(ModulesDep.nameOf("kernel/x/snd-hda.ko.zst")).isEqualTo("snd_hda");
    }

    @Test
    void unknownMissingAndCircularModulesAreNamed() {
        assertThatThrownBy(() -> ModulesDep.parse(DEP).loadOrder(List.of("e1000e")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'e1000e' is not in modules.dep");
        assertThatThrownBy(() -> ModulesDep.parse("a.ko: b.ko\n").loadOrder(List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b.ko'")
                .hasMessageContaining("no line of its own");
        assertThatThrownBy(() -> ModulesDep.parse("a.ko: b.ko\nb.ko: a.ko\n").loadOrder(List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle: a.ko -> b.ko -> a.ko");
        assertThatThrownBy(() -> ModulesDep.parse("a.ko\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1 is 'a.ko'");
    }
}
