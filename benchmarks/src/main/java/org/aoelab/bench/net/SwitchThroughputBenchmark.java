package org.aoelab.bench.net;

import java.util.concurrent.TimeUnit;

import org.aoelab.net.DelayDistribution;
import org.aoelab.net.Nic;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Alarm;
import org.aoelab.sim.Simulation;
import org.aoelab.sim.Subscription;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frames switched per second in virtual time, one thread (issue 3: at least 2,000,000): host-a
 * sends 60-byte frames one microsecond apart through its link (1% loss, 10 us delay with uniform
 * jitter of 5 us), the switch (host-b learned) and host-b's link (1% loss, 10 us delay with
 * normal jitter of 2 us) to host-b. One operation is one frame offered; each costs three events
 * (the sender's timer and two link deliveries) and four or five random draws.
 *
 * <p>{@code traced=true} adds one trace subscriber that only counts, to show what building the
 * trace events costs; with no subscriber none are built.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SwitchThroughputBenchmark {
    private static final int BATCH = 10_000;

    @Param({"false", "true"})
    public boolean traced;

    private Simulation sim;
    private Alarm source;
    private int remaining;
    private long received;
    private long events;
    private Subscription subscription;

    @Setup
    public void setUp() {
        sim = new Simulation(1);
        VirtualSwitch sw = new VirtualSwitch(sim, "sw");
        Nic a = sw.connect("host-a", MacAddress.local(1), f -> { });
        Nic b = sw.connect("host-b", MacAddress.local(2), f -> received++);
        a.link().toSwitch().loss(0.01).delay(10_000, 5_000);
        b.link().fromSwitch().loss(0.01).delay(10_000, 2_000, 0, DelayDistribution.NORMAL);
        b.send(frame(MacAddress.BROADCAST, b.mac()));
        sim.runUntilIdle(Long.MAX_VALUE);
        Bytes frame = frame(b.mac(), a.mac());
        source = sim.alarm(() -> {
            a.send(frame);
            if (--remaining > 0) source.setAfter(1_000);
        });
        if (traced) subscription = sim.trace().subscribe(e -> events++);
    }

    @TearDown
    public void tearDown() {
        if (subscription != null) subscription.cancel();
        if (received == 0) throw new IllegalStateException("no frame arrived: the benchmark measured nothing");
    }

    private static Bytes frame(MacAddress dst, MacAddress src) {
        byte[] f = new byte[60];
        dst.writeTo(f, 0);
        src.writeTo(f, 6);
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xB5;
        return Bytes.adopt(f);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long switchFrames() {
        remaining = BATCH;
        source.setAfter(0);
        sim.runUntilIdle(Long.MAX_VALUE);
        return received + events;
    }
}
