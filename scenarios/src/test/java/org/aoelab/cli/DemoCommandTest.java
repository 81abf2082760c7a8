package org.aoelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void walksFromDiscoveryToADataReadExplainingEachFrame() {
        Cli r = Cli.run("demo", "--color=never");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("1. Who is out there?", "6. Here they are");
        assertThat(r.out()).contains("\"AoE emulator disk\"", "1 GiB");
        assertThat(r.out()).containsPattern("aoe.ata.cmd +0x24 +READ SECTORS EXT");
    }
}
