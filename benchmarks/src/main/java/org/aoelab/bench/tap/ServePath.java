package org.aoelab.bench.tap;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.aoelab.net.PortOptions;
import org.aoelab.serve.ImpairmentOption;
import org.aoelab.serve.ServeNetwork;
import org.aoelab.serve.ServeSettings;
import org.aoelab.serve.TargetOption;
import org.aoelab.tap.InMemoryTapDevice;
import org.aoelab.tap.ManualWallClock;
import org.aoelab.tap.RealTimeDriver;
import org.aoelab.tap.TapBridge;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;

/**
 * What {@code aoelab serve} spends in Java per request, without the system calls: a READ
 * request enters the TAP bridge, runs through the link, the switch and the target, and its
 * answer is written to an in-memory TAP device, on one thread.
 *
 * <pre>bench/java org.aoelab.bench.tap.ServePath [SECTORS [SECONDS]]</pre>
 *
 * SECTORS per request (17 fills an MTU-9000 frame, 2 an MTU-1500 one); prints nanoseconds and
 * bytes allocated per request, once a second, after a warm-up.
 */
public final class ServePath {
    private ServePath() {
    }

    public static void main(String[] args) throws Exception {
        int sectors = args.length > 0 ? Integer.parseInt(args[0]) : 17;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int mtu = 9000;
        ServeSettings settings = new ServeSettings("bench", List.of(TargetOption.parse("1.0=ram:64M")), null,
                ImpairmentOption.NONE, null, null, null, 1, mtu, List.of(), false, null, 0, 1024, 0, null);
        ServeNetwork network = new ServeNetwork(settings, mtu, false);
        RealTimeDriver driver = new RealTimeDriver(network.simulation(), 1024, new ManualWallClock(0));
        InMemoryTapDevice tap = new InMemoryTapDevice("bench", mtu);
        TapBridge bridge = new TapBridge(driver, network.virtualSwitch(), tap, TapBridge.Filter.AOE_ONLY, null,
                PortOptions.DEFAULT.withMtu(mtu), (what, e) -> { throw new IllegalStateException(what, e); });
        MacAddress host = MacAddress.parse("02:00:00:00:00:99");
        MacAddress target = MacAddress.of(ServeSettings.DEFAULT_FIRST_MAC);
        Bytes[] requests = new Bytes[4096];
        long disk = 64L << 20 >> 9;
        for (int i = 0; i < requests.length; i++) {
            long lba = (long) i * sectors % (disk - sectors);
            requests[i] = AoeCodec.encode(AoeFrame.request(target, host, 1, 0, 0x1000 + i, AtaArg.read48(lba, sectors)));
        }
        var sim = network.simulation();
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        System.out.printf(Locale.ROOT, "serve path: %d-sector reads (%d-byte answers), one thread, in-memory TAP%n",
                sectors, 36 + sectors * 512);
        long n = 0;
        for (int s = -3; s < seconds; s++) {
            long t0 = System.nanoTime();
            long a0 = mx.getThreadAllocatedBytes(tid);
            long c0 = mx.getCurrentThreadCpuTime();
            long k = 0;
            while (System.nanoTime() - t0 < 1_000_000_000L) {
                for (int j = 0; j < 256; j++) {
                    bridge.enter(requests[(int) (n++ & (requests.length - 1))]);
                    sim.runFor(0);
                    if (tap.hostReceives(0, TimeUnit.NANOSECONDS) == null) throw new IllegalStateException("no answer");
                }
                k += 256;
            }
            long cpu = mx.getCurrentThreadCpuTime() - c0;
            long alloc = mx.getThreadAllocatedBytes(tid) - a0;
            System.out.printf(Locale.ROOT, "%s %,9d requests/s  %,7.0f ns CPU each  %,6d bytes allocated each%n",
                    s < 0 ? "warm-up" : String.format(Locale.ROOT, "%6ds", s + 1), k, (double) cpu / k, alloc / k);
        }
    }
}
