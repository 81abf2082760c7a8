package org.aoelab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.aoelab.cli.AoeLab;
import org.aoelab.gui.model.FrameStore;
import org.aoelab.testing.ProcessResult;
import org.aoelab.testing.RealTools;
import org.aoelab.wire.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code aoelab serve --gui} on a real TAP device, with aoetools' {@code aoeping} as the real
 * host, as root. The test JVM serves (so the window can be looked at); the TAP device is made
 * in the root namespace, down, opened by serve, and only then moved into a network namespace of
 * the test's own, where it joins a bridge with the veth aoeping uses: a moved TAP device keeps
 * its open file. No traffic leaves that namespace; deleting it removes both devices.
 *
 * <pre>
 *   netns aoelab-gui-PID:   br0 --+-- TAP (opened by serve in this JVM before the move)
 *                                 +-- v1p/v1   aoeping
 * </pre>
 */
class ServeWindowRealTapTest {
    private static final Duration T = Duration.ofSeconds(60);
    private static final String HOST_MAC = "52:54:00:00:07:01";

    private final String ns = "aoelab-gui-" + ProcessHandle.current().pid();
    private final String tap = "tg" + ProcessHandle.current().pid() % 1_000_000;
    private boolean nsMade;
    private boolean tapMade;

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage(); // TestFX owns the toolkit, as for the other window tests
    }

    private static void ok(String... cmd) throws IOException {
        ProcessResult r = RealTools.run(T, cmd);
        assertThat(r.exitCode()).as(String.join(" ", cmd) + "\n" + r.describe()).isZero();
    }

    @AfterEach
    void removeTheDevices() throws IOException {
        if (nsMade) RealTools.run(T, "ip", "netns", "del", ns);
        if (tapMade) RealTools.run(T, "ip", "link", "del", tap); // still in the root namespace if the move never came
    }

    @Test
    void aoepingsFramesAndTheTargetsAnswersShowLiveInTheWindow() throws Exception {
        RealTools.requireRoot();
        RealTools.requireTool("ip");
        RealTools.requireTool("aoeping");
        ok("ip", "tuntap", "add", "dev", tap, "mode", "tap"); // down: nothing is sent on it in the root namespace
        tapMade = true;
        ok("ip", "netns", "add", ns);
        nsMade = true;

        ServeWindow.lastOpened = null;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> serve = CompletableFuture.supplyAsync(() -> AoeLab.execute(new String[] {"serve", "--tap", tap,
                "--target", "1.0=ram:1M", "--status-every", "0", "--duration", "120s", "--gui"}, new PrintWriter(out),
                new PrintWriter(err)));
        FxTesting.waitUntil("the serve window opens on " + tap, () -> ServeWindow.lastOpened != null
                && ServeWindow.lastOpened.viewModel().topology().node("tap:" + tap) != null);
        LabViewModel vm = ServeWindow.lastOpened.viewModel();

        ok("ip", "link", "set", tap, "netns", ns);
        tapMade = false;
        ok("ip", "-n", ns, "link", "set", "lo", "up");
        ok("ip", "-n", ns, "link", "add", "br0", "type", "bridge");
        ok("ip", "-n", ns, "link", "set", "br0", "up");
        ok("ip", "-n", ns, "link", "set", tap, "master", "br0", "up");
        ok("ip", "-n", ns, "link", "add", "v1", "type", "veth", "peer", "name", "v1p");
        ok("ip", "-n", ns, "link", "set", "v1p", "master", "br0", "up");
        ok("ip", "-n", ns, "link", "set", "v1", "address", HOST_MAC, "up");

        ProcessResult ping = RealTools.run(T, "ip", "netns", "exec", ns, "aoeping", "-v", "-s", "20", "1", "0", "v1");
        assertThat(ping.exitCode()).as(ping.describe() + "\nserve: " + err).isZero();
        assertThat(ping.stdout()).contains("found e1.0 with mac 020000010001");

        long host = 0x5254_0000_0701L;
        FxTesting.waitUntil("aoeping's query and the target's answer are rows, paired", () -> {
            FrameStore store = vm.store();
            for (long q = store.firstSeq(); q < store.nextSeq(); q++) {
                Bytes f = store.frame(q);
                if (f.length() >= 24 && f.u48(6) == host && f.u16(12) == 0x88A2 && store.source(q).equals("tap:" + tap)) {
                    long answer = store.pair(q);
                    return answer != 0 && store.frame(answer).u48(0) == host && store.source(answer).startsWith("e1.0");
                }
            }
            return false;
        });

        GuiApp.onFx(() -> {
            ServeWindow.lastOpened.stage().hide(); // closing the window stops the serve
            return null;
        });
        int status = serve.get(30, TimeUnit.SECONDS);
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("aoelab serve: stopped");
    }
}
