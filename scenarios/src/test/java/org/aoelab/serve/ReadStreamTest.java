package org.aoelab.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.aoelab.disk.RamDisk;
import org.aoelab.initiator.AoeDevice;
import org.aoelab.initiator.AoeInitiator;
import org.aoelab.initiator.InitiatorConfig;
import org.aoelab.initiator.IoResult;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.tap.RealTimeDriver;
import org.aoelab.target.AoeTarget;
import org.aoelab.target.TargetConfig;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream of reads behind {@code aoelab client read}: requests kept in flight by the loop,
 * results handed over in request order whatever order the answers come in, and no more than
 * twice the depth sent ahead of a caller that does not take them.
 */
class ReadStreamTest {
    private static final int SECTORS = 4096;
    private static final long WAIT = TimeUnit.SECONDS.toNanos(10);

    private Simulation sim;
    private RealTimeDriver driver;
    private Thread loop;
    private AoeTarget target;
    private AoeDevice device;

    @BeforeEach
    void network() throws Exception {
        sim = new Simulation(7);
        VirtualSwitch sw = new VirtualSwitch(sim, "sw");
        RamDisk disk = new RamDisk(SECTORS);
        for (int lba = 0; lba < SECTORS; lba++) {
            disk.write(lba, Bytes.repeat(lba & 0xFF, 512)); // every sector says where it is
        }
        target = new AoeTarget(sim, sw, MacAddress.parse("02:00:00:01:00:01"), TargetConfig.builder(1, 0).build(), disk);
        AoeInitiator initiator = new AoeInitiator(sim, sw, "host", MacAddress.parse("02:00:00:00:00:99"), InitiatorConfig.LINUX);
        driver = new RealTimeDriver(sim, 1024);
        loop = new Thread(() -> {
            try {
                driver.run(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "read-stream-test-loop");
        loop.start();
        // The target announces itself as the loop starts, and the initiator takes it up from that
        // announcement alone (as Linux does): the device may be up before this task runs.
        CompletableFuture<AoeDevice> up = driver.call(cb -> {
            initiator.whenUp(1, 0, cb::accept); // at once if it is up already
            initiator.start();
        });
        device = up.get(10, TimeUnit.SECONDS);
        // From now on answers are held 2 ms, and some are sent ahead of the others: they come back out of order.
        driver.call(cb -> {
            target.nic().link().toSwitch().delay(2_000_000L).reorder(0.3, 2);
            cb.accept(null);
        }).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        driver.stop();
        loop.join(5000);
    }

    /** Blocks of one sector at seeded random LBAs; records how many were asked for. */
    private static final class RandomSectors implements ReadStream.Blocks {
        final List<Long> lbas = new ArrayList<>();
        final AtomicInteger asked = new AtomicInteger();
        private final java.util.Random rng = new java.util.Random(11);

        @Override
        public long offset(long i) {
            long lba = rng.nextInt(SECTORS);
            synchronized (lbas) {
                lbas.add(lba);
            }
            asked.incrementAndGet();
            return lba * 512;
        }

        @Override
        public int length(long i) {
            return 512;
        }

        long lba(int i) {
            synchronized (lbas) {
                return lbas.get(i);
            }
        }
    }

    @Test
    void resultsComeInRequestOrderWhenAnswersDoNot() throws Exception {
        RandomSectors blocks = new RandomSectors();
        int count = 300;
        ReadStream s = new ReadStream(driver, device, blocks, count, 8);
        s.start();
        for (int k = 0; k < count; k++) {
            IoResult r = s.next(WAIT);
            assertThat(r).isInstanceOf(IoResult.Done.class);
            Bytes data = ((IoResult.Done) r).data();
            assertThat(data.length()).isEqualTo(512);
            assertThat(data.u8(0)).as("block %d", k).isEqualTo((int) (blocks.lba(k) & 0xFF));
            assertThat(data.u8(511)).isEqualTo((int) (blocks.lba(k) & 0xFF));
        }
        assertThat(s.hasNext()).isFalse();
        assertThat(blocks.asked.get()).isEqualTo(count);
        long reordered = driver.<Long>call(cb -> cb.accept(target.nic().link().stats().toSwitch().reordered())).get(5, TimeUnit.SECONDS);
        assertThat(reordered).as("answers sent ahead of others").isPositive();
    }

    @Test
    void aCallerThatTakesNothingHoldsTheLoopAtTwiceTheDepth() throws Exception {
        RandomSectors blocks = new RandomSectors();
        int depth = 4;
        ReadStream s = new ReadStream(driver, device, blocks, 100, depth);
        s.start();
        // Wait until every result the stream may hold is in: then the loop has answered all it sent.
        AtomicLong ready = new AtomicLong();
        long deadline = System.nanoTime() + WAIT;
        while (ready.get() < 2L * depth && System.nanoTime() < deadline) {
            ready.set(driver.<Integer>call(cb -> cb.accept(s.waiting())).get(5, TimeUnit.SECONDS));
        }
        assertThat(ready.get()).isEqualTo(2L * depth);
        assertThat(blocks.asked.get()).as("blocks sent with nothing taken").isEqualTo(2 * depth);
        // Taking them lets the loop go on to the end.
        for (int k = 0; k < 100; k++) {
            assertThat(s.next(WAIT)).isInstanceOf(IoResult.Done.class);
        }
        assertThat(blocks.asked.get()).isEqualTo(100);
    }

    @Test
    void aFailedReadIsAResultInItsPlace() throws Exception {
        ReadStream.Blocks past = new ReadStream.Blocks() {
            @Override
            public long offset(long i) {
                return i == 1 ? (long) SECTORS * 512 : i * 512; // block 1 lies past the end
            }

            @Override
            public int length(long i) {
                return 512;
            }
        };
        ReadStream s = new ReadStream(driver, device, past, 3, 2);
        s.start();
        assertThat(s.next(WAIT)).isInstanceOf(IoResult.Done.class);
        assertThat(s.next(WAIT)).isInstanceOf(IoResult.Rejected.class);
        assertThat(s.next(WAIT)).isInstanceOf(IoResult.Done.class);
    }
}
