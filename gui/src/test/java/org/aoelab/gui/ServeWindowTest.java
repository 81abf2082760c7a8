package org.aoelab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.aoelab.cli.AoeLab;
import org.aoelab.gui.model.Fate;
import org.aoelab.gui.model.LinkSettings;
import org.aoelab.gui.model.NodeInfo;
import org.aoelab.gui.model.PlayState;
import org.aoelab.serve.Taps;
import org.aoelab.tap.InMemoryTapDevice;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code aoelab serve --gui}: the window on a live serve, with an in-memory TAP standing for the host's. */
class ServeWindowTest {
    private static final MacAddress HOST = MacAddress.parse("52:54:00:aa:bb:cc");

    private InMemoryTapDevice tap;
    private AutoCloseable override;

    @BeforeAll
    static void toolkit() throws Exception {
        // TestFX starts the toolkit, as for the other window tests, so the serve's window leaves it running
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void useAnInMemoryTap() {
        tap = new InMemoryTapDevice("tap7", 1500);
        override = Taps.override(name -> {
            if (name.equals("tap7")) return tap;
            throw new IOException("no TAP called " + name);
        });
    }

    @AfterEach
    void restore() throws Exception {
        tap.close();
        override.close();
    }

    private static byte[] configSet(long tag, String string) {
        return AoeCodec.encode(AoeFrame.request(MacAddress.BROADCAST, HOST, 1, 0, tag,
                ConfigArg.request(ConfigCommand.SET, Bytes.ofUtf8(string)))).toArray();
    }

    private AoeFrame answer(long tag) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            byte[] f = tap.hostReceives(100, TimeUnit.MILLISECONDS);
            if (f != null && AoeCodec.decode(f).header().tag() == tag) return AoeCodec.decode(f);
        }
        return null;
    }

    @Test
    void theWindowShowsTheHostsFramesLiveItsLinkControlsActAndClosingItStopsTheServe() throws Exception {
        ServeWindow.lastOpened = null;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> serve = CompletableFuture.supplyAsync(() -> AoeLab.execute(new String[] {"serve", "--tap",
                "tap7", "--target", "1.0=ram:1M", "--status-every", "0", "--duration", "60s", "--gui"},
                new PrintWriter(out), new PrintWriter(err)));
        FxTesting.waitUntil("the serve window opens", () -> ServeWindow.lastOpened != null);
        LabViewModel vm = ServeWindow.lastOpened.viewModel();
        FxTesting.waitUntil("the topology shows the target and the TAP", () -> vm.topology().nodes().size() == 2);
        NodeInfo tapNode = vm.topology().node("tap:tap7");
        assertThat(tapNode.kind()).isEqualTo(NodeInfo.Kind.PORT);
        assertThat(tapNode.detail()).contains("TAP tap7");
        assertThat(vm.topology().nodes()).anyMatch(n -> n.kind() == NodeInfo.Kind.TARGET && n.detail().startsWith("e1.0"));
        FxTesting.waitUntil("the window is live", () -> vm.stateProperty().get() == PlayState.LIVE);

        tap.hostSends(configSet(0x51, "lock host-a"));
        assertThat(answer(0x51)).as("the target answers the host").isNotNull();
        FxTesting.waitUntil("the host's request and the target's answer are rows, paired", () -> {
            var store = vm.store();
            for (long q = store.firstSeq(); q < store.nextSeq(); q++) {
                Bytes f = store.frame(q);
                if (f.length() >= 24 && f.u32(20) == 0x51 && (f.u8(14) & 0x08) != 0 && store.pair(q) != 0
                        && store.source(q).startsWith("e1.0")) {
                    return store.source(store.pair(q)).equals("tap:tap7");
                }
            }
            return false;
        });
        assertThat(vm.playback().simulatedProperty().get()).as("nothing to run, pause or step").isFalse();

        // the link controls act on the running serve: all frames from the host are lost now
        GuiApp.onFx(() -> {
            vm.setLink("tap:tap7", tapNode.link().withLoss(LinkSettings.LossKind.RANDOM, 1.0, 0.5));
            return null;
        });
        FxTesting.waitUntil("the topology shows the new loss", () -> vm.topology().node("tap:tap7").link().loss() == 1.0);
        tap.hostSends(configSet(0x52, "lock host-b"));
        FxTesting.waitUntil("the lost request is marked", () -> {
            var store = vm.store();
            for (long q = store.firstSeq(); q < store.nextSeq(); q++) {
                Bytes f = store.frame(q);
                if (f.length() >= 24 && f.u32(20) == 0x52) return (store.fate(q) & Fate.DROPPED) != 0;
            }
            return false;
        });
        assertThat(tap.hostReceives(300, TimeUnit.MILLISECONDS)).as("no answer to a lost request").isNull();

        GuiApp.onFx(() -> {
            ServeWindow.lastOpened.stage().hide(); // the user closes the window
            return null;
        });
        int status = serve.get(20, TimeUnit.SECONDS);
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("aoelab serve: stopped");
    }

    @Test
    void aTapThatCannotBeOpenedExitsTwoBeforeAnyWindowOpens() {
        ServeWindow.lastOpened = null;
        StringWriter err = new StringWriter();
        int status = AoeLab.execute(new String[] {"serve", "--tap", "nope", "--target", "1.0=ram:1M", "--gui"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--tap: no TAP called nope");
        assertThat(ServeWindow.lastOpened).isNull();
    }
}
