package org.aoelab.wire;

/**
 * Command 0, Issue ATA Command (protocol reference 3.1, 4).
 *
 * <pre>
 *  24      25          26      27           28-33 (little-endian)        34-35     36...
 * +------+-----------+-------+------------+-----+-----+-----+-----+-----+-----+---------+--------+
 * |AFlags|Err/Feature|SecCnt |Cmd/Status  |lba0 |lba1 |lba2 |lba3 |lba4 |lba5 |reserved | data   |
 * +------+-----------+-------+------------+-----+-----+-----+-----+-----+-----+---------+--------+
 *  AFlags: 0x40 E (LBA48), 0x10 D (device bit), 0x02 A (async write), 0x01 W (write)
 * </pre>
 *
 * @param aflags      byte 24 as on the wire
 * @param errFeature  Feature register in a request, Error register in a response
 * @param sectorCount sectors to transfer; in a response, sectors not transferred (AoE Lab: 0 on success)
 * @param cmdStatus   ATA opcode in a request, Status register in a response
 * @param lbaField    the six LBA bytes read as a little-endian 48-bit number, device bits included
 * @param reserved    bytes 34-35, big-endian, sent as 0
 * @param data        write data in a request (exactly Sector Count x 512 bytes when W is set),
 *                    read or IDENTIFY data in a response (a multiple of 512)
 */
public record AtaArg(int aflags, int errFeature, int sectorCount, int cmdStatus, long lbaField, int reserved,
                     Bytes data) implements AoeArg {

    /** AFlags, header and registers: bytes 24-35. */
    public static final int FIXED_LENGTH = 12;
    public static final int SECTOR_SIZE = 512;
    public static final int FLAG_EXTENDED = 0x40;
    public static final int FLAG_DEVICE = 0x10;
    public static final int FLAG_ASYNC = 0x02;
    public static final int FLAG_WRITE = 0x01;

    public AtaArg {
        Checks.range("aflags", aflags, 0, 0xFF);
        Checks.range("errFeature", errFeature, 0, 0xFF);
        Checks.range("sectorCount", sectorCount, 0, 0xFF);
        Checks.range("cmdStatus", cmdStatus, 0, 0xFF);
        Checks.range("lbaField", lbaField, 0, 0xFFFF_FFFF_FFFFL);
        Checks.range("reserved", reserved, 0, 0xFFFF);
        Checks.notNull("data", data);
    }

    /** READ SECTORS EXT (0x24) of {@code count} sectors at {@code lba}, as Linux sends it. */
    public static AtaArg read48(long lba, int count) {
        return new AtaArg(FLAG_EXTENDED, 0, count, AtaOpcode.READ_SECTORS_EXT, lba48Field(lba), 0, Bytes.EMPTY);
    }

    /** WRITE SECTORS EXT (0x34); {@code data} must hold {@code count} x 512 bytes. */
    public static AtaArg write48(long lba, int count, Bytes data) {
        return new AtaArg(FLAG_EXTENDED | FLAG_WRITE, 0, count, AtaOpcode.WRITE_SECTORS_EXT, lba48Field(lba), 0, data);
    }

    /** READ SECTORS (0x20) with the device register 0xE0 | LBA bits 24-27, as Linux sends it. */
    public static AtaArg read28(long lba, int count) {
        return new AtaArg(0, 0, count, AtaOpcode.READ_SECTORS, lba28Field(lba), 0, Bytes.EMPTY);
    }

    /** WRITE SECTORS (0x30). */
    public static AtaArg write28(long lba, int count, Bytes data) {
        return new AtaArg(FLAG_WRITE, 0, count, AtaOpcode.WRITE_SECTORS, lba28Field(lba), 0, data);
    }

    /** IDENTIFY DEVICE (0xEC), one sector, lba3 = 0xA0, as Linux sends it. */
    public static AtaArg identify() {
        return new AtaArg(0, 0, 1, AtaOpcode.IDENTIFY_DEVICE, 0xA0L << 24, 0, Bytes.EMPTY);
    }

    /** Any non-data command: {@code opcode} with registers zero. */
    public static AtaArg command(int opcode) {
        return new AtaArg(0, 0, 0, opcode, 0, 0, Bytes.EMPTY);
    }

    static long lba48Field(long lba) {
        return Checks.range("lba", lba, 0, 0xFFFF_FFFF_FFFFL);
    }

    static long lba28Field(long lba) {
        Checks.range("lba", lba, 0, 0x0FFF_FFFFL);
        return (lba & 0xFF_FFFFL) | (0xE0L | (lba >>> 24 & 0x0F)) << 24;
    }

    /**
     * The answer to this request: AFlags, LBA bytes and reserved echoed (vblade), the given
     * status, error and remaining count, and data.
     */
    public AtaArg toResponse(int status, int error, int remainingCount, Bytes responseData) {
        return new AtaArg(aflags, error, remainingCount, status, lbaField, reserved, responseData);
    }

    public boolean isExtended() {
        return (aflags & FLAG_EXTENDED) != 0;
    }

    public boolean isWrite() {
        return (aflags & FLAG_WRITE) != 0;
    }

    public boolean isAsync() {
        return (aflags & FLAG_ASYNC) != 0;
    }

    public boolean isDeviceBit() {
        return (aflags & FLAG_DEVICE) != 0;
    }

    /** Byte {@code i} (0-5) of the LBA field: lba0 ... lba5. */
    public int lbaByte(int i) {
        return (int) (lbaField >>> (8 * i)) & 0xFF;
    }

    /** lba3, which holds the ATA Device register for 28-bit commands. */
    public int deviceRegister() {
        return lbaByte(3);
    }

    /** The 48-bit address: all six bytes. */
    public long lba48() {
        return lbaField;
    }

    /** The 28-bit address: lba0-2 and the low nibble of lba3. */
    public long lba28() {
        return lbaField & 0x0FFF_FFFFL;
    }

    /**
     * The address a target executes, chosen by the opcode (the AoE Lab rule, 3.1): 28-bit for
     * READ/WRITE SECTORS (0x20/0x30), 48-bit otherwise.
     */
    public long lba() {
        return AtaOpcode.isLba28(cmdStatus) ? lba28() : lba48();
    }

    @Override
    public int encodedLength() {
        return FIXED_LENGTH + data.length();
    }

    @Override
    public void encode(byte[] out, int p) {
        out[p] = (byte) aflags;
        out[p + 1] = (byte) errFeature;
        out[p + 2] = (byte) sectorCount;
        out[p + 3] = (byte) cmdStatus;
        long lba = lbaField;
        for (int i = 0; i < 6; i++) {
            out[p + 4 + i] = (byte) lba;
            lba >>>= 8;
        }
        out[p + 10] = (byte) (reserved >>> 8);
        out[p + 11] = (byte) reserved;
        data.copyTo(0, out, p + FIXED_LENGTH, data.length());
    }

    @Override
    public String toString() {
        return String.format("AtaArg[aflags=0x%02x errFeature=0x%02x sectorCount=%d cmdStatus=0x%02x lba=0x%012x%s data=%s]",
                aflags, errFeature, sectorCount, cmdStatus, lbaField, reserved != 0 ? " reserved=0x" + Integer.toHexString(reserved) : "",
                data);
    }
}
