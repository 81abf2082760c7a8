package org.aoelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void explainsFrameByFrameHowBothInitiatorsCameToHoldTheLock() {
        Cli r = Cli.run("demo", "--color=never");
        assertThat(r.status()).isZero();
        String out = r.out();
        assertThat(out).contains("The frames of the race:", "What happened, frame by frame:");
        // The story the frames tell: both read an empty string, both force-set, both believe.
        assertThat(out).containsPattern("h1 asks e1.0 for its config string");
        assertThat(out).containsPattern("h2 asks e1.0 for its config string");
        assertThat(out).contains("e1.0 answers h1: the string is empty", "e1.0 answers h2: the string is empty");
        assertThat(out).contains("h1 force-sets the string to \"lock h1\"", "h2 force-sets the string to \"lock h2\"");
        assertThat(out).contains("h1 now believes it holds the lock", "h2 now believes it holds the lock");
        assertThat(out).containsPattern("At 0\\.0\\d+ s both h[12] and h[12] believe they hold e1.0");
        // Every frame of the narration is a numbered line of the ladder above it.
        int narrated = out.split("\n *\\d+\\. ", -1).length - 1;
        assertThat(narrated).isEqualTo(8);
    }

    @Test
    void aSeedWithoutTheRaceSaysSoAndPointsToTheExplorer() {
        // Seeds where the attempts never overlap exist; find one through the explorer's own runner.
        org.aoelab.scenario.Explorer ex = new org.aoelab.scenario.Explorer(
                org.aoelab.scenario.ScenarioReader.load("lock-race-naive"), 1);
        long safe = -1;
        for (long s = 0; s < 200 && safe < 0; s++) {
            if (ex.runOne(s).ok()) {
                safe = s;
            }
        }
        assertThat(safe).as("a seed where the race does not happen").isNotNegative();
        Cli r = Cli.run("demo", "--color=never", "--seed", Long.toString(safe));
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("never overlapped").contains("aoelab explore lock-race-naive");
    }

    @Test
    void framesWalksFromDiscoveryToADataReadExplainingEachFrame() {
        Cli r = Cli.run("demo", "--frames", "--color=never");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("1. Who is out there?", "6. Here they are");
        assertThat(r.out()).contains("\"AoE emulator disk\"", "1 GiB");
        assertThat(r.out()).containsPattern("aoe.ata.cmd +0x24 +READ SECTORS EXT");
    }
}
