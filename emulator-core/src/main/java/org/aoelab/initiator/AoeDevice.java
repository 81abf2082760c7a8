package org.aoelab.initiator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.aoelab.disk.VirtualDisk;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.AtaOpcode;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;

/**
 * A shelf.slot as an initiator sees it (protocol reference 5.1.2): one device, one or more
 * paths (target MACs), an RTT estimate, a queue of frames waiting for a window, and a state.
 */
public final class AoeDevice implements BlockDevice {

    public enum State { NEW, UP, DEAD }

    private static final int SECTOR = VirtualDisk.SECTOR_SIZE;

    private final AoeInitiator initiator;
    private final int shelf;
    private final int slot;
    final List<Path> paths = new ArrayList<>(2);
    final RttEstimator rtt;
    final ArrayDeque<Exchange> queue = new ArrayDeque<>();
    final Set<Exchange> outstanding = new LinkedHashSet<>();
    int nextPath;
    State state = State.NEW;
    long sectors;
    boolean lba48;
    int firmwareVersion;
    boolean identifying;
    int openCount;
    String model = "";
    String serial = "";

    AoeDevice(AoeInitiator initiator, int shelf, int slot, RttEstimator rtt) {
        this.initiator = initiator;
        this.shelf = shelf;
        this.slot = slot;
        this.rtt = rtt;
    }

    public int shelf() {
        return shelf;
    }

    public int slot() {
        return slot;
    }

    /** {@code e1.0}, as Linux names {@code /dev/etherd/e1.0}. */
    public String name() {
        return "e" + shelf + "." + slot;
    }

    public State state() {
        return state;
    }

    public boolean isUp() {
        return state == State.UP;
    }

    public long sectors() {
        return state == State.UP ? sectors : 0;
    }

    @Override
    public long capacity() {
        return sectors() * SECTOR;
    }

    public boolean lba48() {
        return lba48;
    }

    public String model() {
        return model;
    }

    public String serial() {
        return serial;
    }

    public int firmwareVersion() {
        return firmwareVersion;
    }

    public List<Path> paths() {
        return Collections.unmodifiableList(paths);
    }

    public RttEstimator rtt() {
        return rtt;
    }

    /** Frames waiting for a window, and frames in flight. */
    public int queued() {
        return queue.size();
    }

    public int inFlight() {
        return outstanding.size();
    }

    /** Bytes per data frame: the smallest over the paths (Linux's {@code maxbcnt}). */
    public int bytesPerFrame() {
        int min = Integer.MAX_VALUE;
        for (Path p : paths) {
            min = Math.min(min, p.sectorsPerFrame);
        }
        return (min == Integer.MAX_VALUE ? 2 : min) * SECTOR;
    }

    /** Marks the device in use: while open, config answers do not re-IDENTIFY it. */
    public void open() {
        openCount++;
    }

    public void close() {
        if (openCount > 0) {
            openCount--;
        }
    }

    public boolean isOpen() {
        return openCount > 0;
    }

    Path path(MacAddress mac) {
        for (Path p : paths) {
            if (p.mac().equals(mac)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public void read(long offset, int length, Consumer<IoResult> done) {
        String bad = checkRange(offset, length);
        if (bad != null) {
            finish(done, new IoResult.Rejected(bad));
            return;
        }
        if (length == 0) {
            finish(done, new IoResult.Done(Bytes.EMPTY));
            return;
        }
        long first = offset / SECTOR;
        long end = (offset + length + SECTOR - 1) / SECTOR;
        readSectors(first, end - first, r -> {
            if (r instanceof IoResult.Done d) {
                int skip = (int) (offset - first * SECTOR);
                done.accept(new IoResult.Done(d.data().slice(skip, skip + length)));
            } else {
                done.accept(r);
            }
        });
    }

    /**
     * Reads whole sectors straight into {@code dst} at {@code dstOffset}, without a buffer of its
     * own: the way a block layer reads into its pages. {@code offset} and {@code length} must be
     * multiples of 512; the result carries no data (it is in {@code dst}).
     */
    public void readInto(long offset, int length, byte[] dst, int dstOffset, Consumer<IoResult> done) {
        if (offset % SECTOR != 0 || length % SECTOR != 0) {
            finish(done, new IoResult.Rejected("readInto needs whole sectors, got " + offset + "+" + length));
            return;
        }
        String bad = checkRange(offset, length);
        if (bad != null) {
            finish(done, new IoResult.Rejected(bad));
            return;
        }
        if (dstOffset < 0 || dstOffset + length > dst.length) {
            throw new IndexOutOfBoundsException("dst holds " + dst.length + " bytes, asked " + dstOffset + "+" + length);
        }
        readSectors(offset / SECTOR, length / SECTOR, dst, dstOffset, done);
    }

    @Override
    public void write(long offset, Bytes data, Consumer<IoResult> done) {
        String bad = checkRange(offset, data.length());
        if (bad != null) {
            finish(done, new IoResult.Rejected(bad));
            return;
        }
        if (data.length() == 0) {
            finish(done, new IoResult.Done(Bytes.EMPTY));
            return;
        }
        if (offset % SECTOR == 0 && data.length() % SECTOR == 0) {
            writeSectors(offset / SECTOR, data, done);
            return;
        }
        // Partial sectors: read the covering range, patch it, write it back.
        long first = offset / SECTOR;
        long end = (offset + data.length() + SECTOR - 1) / SECTOR;
        readSectors(first, end - first, r -> {
            if (!(r instanceof IoResult.Done d)) {
                done.accept(r);
                return;
            }
            byte[] patched = d.data().toArray();
            data.copyTo(0, patched, (int) (offset - first * SECTOR), data.length());
            writeSectors(first, Bytes.adopt(patched), done);
        });
    }

    @Override
    public void flush(Consumer<IoResult> done) {
        if (state != State.UP) {
            finish(done, new IoResult.DeviceDead(name(), "not up"));
            return;
        }
        flush(lba48 ? AtaOpcode.FLUSH_CACHE_EXT : AtaOpcode.FLUSH_CACHE, done);
    }

    /** FLUSH CACHE EXT aborted (vblade does not know 0xEA, section 4.1): FLUSH CACHE (0xE7) does the same job. */
    private void flush(int opcode, Consumer<IoResult> done) {
        initiator.submitAta(this, AtaArg.command(opcode), answer -> {
            IoResult r = ataResult(answer, 0, Bytes.EMPTY);
            if (opcode == AtaOpcode.FLUSH_CACHE_EXT && r instanceof IoResult.AtaError e && (e.error() & 0x04) != 0) {
                flush(AtaOpcode.FLUSH_CACHE, done);
            } else {
                done.accept(r);
            }
        }, why -> done.accept(new IoResult.DeviceDead(name(), why)));
    }

    private void finish(Consumer<IoResult> done, IoResult r) {
        initiator.completeLater(done, r);
    }

    private String checkRange(long offset, int length) {
        if (state != State.UP) {
            return null; // reported as DeviceDead by the submit path
        }
        if (offset < 0 || length < 0 || offset + length > capacity()) {
            return "range " + offset + "+" + length + " is outside " + name() + " (" + capacity() + " bytes)";
        }
        return null;
    }

    /** Reads whole sectors, one frame per {@link #bytesPerFrame()}. */
    void readSectors(long lba, long count, Consumer<IoResult> done) {
        byte[] buffer = new byte[Math.toIntExact(count * SECTOR)];
        readSectors(lba, count, buffer, 0, r -> done.accept(r.ok() ? new IoResult.Done(Bytes.adopt(buffer)) : r));
    }

    private void readSectors(long lba, long count, byte[] buffer, int base, Consumer<IoResult> done) {
        if (state != State.UP) {
            finish(done, new IoResult.DeviceDead(name(), state == State.DEAD ? "dead" : "not up yet"));
            return;
        }
        int perFrame = bytesPerFrame() / SECTOR;
        Assembly a = new Assembly(done, (int) ((count + perFrame - 1) / perFrame), Bytes.EMPTY);
        for (long at = 0; at < count; at += perFrame) {
            int n = (int) Math.min(perFrame, count - at);
            long sector = lba + at;
            int into = base + (int) (at * SECTOR);
            AtaArg req = lba48 ? AtaArg.read48(sector, n) : AtaArg.read28(sector, n);
            initiator.submitAta(this, req, answer -> {
                IoResult r = ataResult(answer, sector, Bytes.EMPTY);
                if (r.ok()) {
                    AtaArg ata = (AtaArg) answer.arg();
                    if (ata.data().length() < n * SECTOR) {
                        r = new IoResult.AtaError(ata.cmdStatus(), ata.errFeature(), sector);
                        initiator.note("runt", name() + " runt data size in read: " + ata.data().length()
                                + " bytes for " + n + " sectors");
                    } else {
                        ata.data().copyTo(0, buffer, into, n * SECTOR);
                        initiator.stats.bytesRead += (long) n * SECTOR;
                    }
                }
                a.part(r);
            }, why -> a.part(new IoResult.DeviceDead(name(), why)));
        }
    }

    void writeSectors(long lba, Bytes data, Consumer<IoResult> done) {
        if (state != State.UP) {
            finish(done, new IoResult.DeviceDead(name(), state == State.DEAD ? "dead" : "not up yet"));
            return;
        }
        int perFrame = bytesPerFrame() / SECTOR;
        long count = data.length() / SECTOR;
        Assembly a = new Assembly(done, (int) ((count + perFrame - 1) / perFrame), Bytes.EMPTY);
        for (long at = 0; at < count; at += perFrame) {
            int n = (int) Math.min(perFrame, count - at);
            long sector = lba + at;
            Bytes part = data.slice((int) (at * SECTOR), (int) ((at + n) * SECTOR));
            AtaArg req = lba48 ? AtaArg.write48(sector, n, part) : AtaArg.write28(sector, n, part);
            initiator.submitAta(this, req, answer -> {
                IoResult r = ataResult(answer, sector, Bytes.EMPTY);
                if (r.ok()) {
                    initiator.stats.bytesWritten += (long) n * SECTOR;
                }
                a.part(r);
            }, why -> a.part(new IoResult.DeviceDead(name(), why)));
        }
    }

    static IoResult ataResult(org.aoelab.wire.AoeFrame answer, long lba, Bytes data) {
        if (answer.header().error()) {
            return new IoResult.AoeErrorAnswer(answer.header().errorCode());
        }
        if (!(answer.arg() instanceof AtaArg ata)) {
            return new IoResult.AoeErrorAnswer(-1);
        }
        if ((ata.cmdStatus() & 0xA9) != 0) { // BSY, DF, DRQ or ERR
            return new IoResult.AtaError(ata.cmdStatus(), ata.errFeature(), lba);
        }
        return new IoResult.Done(data);
    }

    /** Collects the frames of one request; the first failure is the request's result. */
    private final class Assembly {
        private final Consumer<IoResult> done;
        private final Bytes data;
        private int left;
        private IoResult failure;

        Assembly(Consumer<IoResult> done, int parts, Bytes data) {
            this.done = done;
            this.left = parts;
            this.data = data;
        }

        void part(IoResult r) {
            if (!r.ok() && failure == null) {
                failure = r;
            }
            if (--left == 0) {
                if (failure == null) {
                    initiator.stats.requestsDone++;
                    done.accept(new IoResult.Done(data));
                } else {
                    initiator.stats.requestsFailed++;
                    done.accept(failure);
                }
            }
        }
    }

    @Override
    public String toString() {
        return name() + " " + state + " " + sectors + " sectors, paths " + paths;
    }
}
