package org.aoelab.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.aoelab.disk.DiskSpec;
import org.aoelab.net.DelayDistribution;
import org.aoelab.net.Nic;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.target.TargetProfile;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void aTargetOptionCarriesAddressDiskProfileAndBufferCount() {
        TargetOption t = TargetOption.parse("3.7=file:/tmp/x.img,ro,profile=vblade,bufcnt=64");
        assertThat(t).isEqualTo(new TargetOption(3, 7, DiskSpec.parse("file:/tmp/x.img,ro"), TargetProfile.VBLADE, 64));
        assertThat(t.name()).isEqualTo("e3.7");
        assertThat(TargetOption.parse(t.toString())).isEqualTo(t);
        assertThat(TargetOption.parse("0.0=ram:1M")).isEqualTo(new TargetOption(0, 0, DiskSpec.parse("ram:1M"),
                TargetProfile.AOELAB, TargetOption.DEFAULT_BUFCNT));
    }

    @Test
    void aTargetOptionMakesItsPathsAbsolute() {
        TargetOption t = TargetOption.parse("1.0=file:rel/disk.img").absolute();
        assertThat(t.disk().path().isAbsolute()).isTrue();
        assertThat(t.disk().path().toString()).endsWith("/rel/disk.img");
    }

    @Test
    void badTargetOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> TargetOption.parse("ram:1M")).hasMessageContaining("no '='");
        assertThatThrownBy(() -> TargetOption.parse("1=ram:1M")).hasMessageContaining("address '1' is not SHELF.SLOT");
        assertThatThrownBy(() -> TargetOption.parse("1.255=ram:1M")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> TargetOption.parse("1.0=ram:1M,profile=netapp")).hasMessageContaining("target profile is 'netapp'");
        assertThatThrownBy(() -> TargetOption.parse("1.0=ram:1M,bufcnt=0")).hasMessageContaining("bufcnt '0'");
        assertThatThrownBy(() -> TargetOption.parse("1.0=disk:x")).hasMessageContaining("unknown kind 'disk'");
        assertThatThrownBy(() -> TargetOption.parse("1.0=ram:1M,fast")).hasMessageContaining("unknown option 'fast'")
                .hasMessageContaining("profile=NAME, bufcnt=N");
    }

    @Test
    void anImpairmentOptionSetsBothDirectionsOfALink() {
        Simulation sim = new Simulation(1);
        VirtualSwitch sw = new VirtualSwitch(sim, "sw");
        Nic nic = sw.connect("h", MacAddress.local(1), f -> { });
        ImpairmentOption o = ImpairmentOption.parse("delay=2ms,jitter=100us,distribution=normal,loss=1%,rate=100Mbit,queue=50");
        o.applyTo(nic.link().toSwitch());
        assertThat(nic.link().toSwitch().delayNanos()).isEqualTo(2_000_000);
        assertThat(nic.link().toSwitch().jitterNanos()).isEqualTo(100_000);
        assertThat(nic.link().toSwitch().distribution()).isEqualTo(DelayDistribution.NORMAL);
        assertThat(nic.link().toSwitch().rateBitsPerSecond()).isEqualTo(100_000_000);
        assertThat(nic.link().toSwitch().queueLimitFrames()).isEqualTo(50);
        assertThat(ImpairmentOption.parse(o.toString())).isEqualTo(o);
        ImpairmentOption.NONE.applyTo(nic.link().toSwitch());
        assertThat(nic.link().toSwitch().isNone()).isTrue();
    }

    @Test
    void badImpairmentOptionsNameTheKey() {
        assertThatThrownBy(() -> ImpairmentOption.parse("delay=2")).hasMessageContaining("'2' has no unit");
        assertThatThrownBy(() -> ImpairmentOption.parse("lag=2ms")).hasMessageContaining("unknown key 'lag'");
        assertThatThrownBy(() -> ImpairmentOption.parse("loss=150%")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ImpairmentOption.parse("delay")).hasMessageContaining("is not key=value");
        assertThatThrownBy(() -> ImpairmentOption.parse("distribution=gauss")).hasMessageContaining("uniform, normal");
    }

    @Test
    void shellWordsSurviveARoundTrip() {
        List<String> words = List.of("serve", "--target", "1.0=file:/tmp/my disk.img", "it's", "", "a\"b");
        assertThat(ShellWords.split(ShellWords.join(words))).isEqualTo(words);
        assertThat(ShellWords.join(List.of("--impair", "delay=2ms,loss=1%"))).isEqualTo("--impair delay=2ms,loss=1%");
        assertThat(ShellWords.split("a \"b c\" d\\ e")).containsExactly("a", "b c", "d e");
        assertThatThrownBy(() -> ShellWords.split("a 'b")).hasMessageContaining("unterminated");
    }

    @Test
    void aClientMacComesFromItsNameTheSameEveryTime() {
        MacAddress a = ClientSession.Options.macFor("aoelab-h1");
        assertThat(a).isEqualTo(ClientSession.Options.macFor("aoelab-h1")).isNotEqualTo(ClientSession.Options.macFor("aoelab-h2"));
        assertThat(a.isMulticast()).isFalse();
        assertThat(a.toString()).startsWith("02:00:");
    }
}
