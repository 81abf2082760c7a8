package org.aoelab.wire;

/** ATA opcodes seen on AoE links, and the status and error register bits (protocol reference 4.1, 4.2). */
public final class AtaOpcode {
    private AtaOpcode() {
    }

    public static final int READ_SECTORS = 0x20;
    public static final int READ_SECTORS_EXT = 0x24;
    public static final int WRITE_SECTORS = 0x30;
    public static final int WRITE_SECTORS_EXT = 0x34;
    public static final int SMART = 0xB0;
    public static final int CHECK_POWER_MODE = 0xE5;
    public static final int FLUSH_CACHE = 0xE7;
    public static final int FLUSH_CACHE_EXT = 0xEA;
    public static final int IDENTIFY_DEVICE = 0xEC;

    // Status register bits.
    public static final int STATUS_BSY = 0x80;
    public static final int STATUS_DRDY = 0x40;
    public static final int STATUS_DF = 0x20;
    public static final int STATUS_DSC = 0x10;
    public static final int STATUS_DRQ = 0x08;
    public static final int STATUS_ERR = 0x01;
    /** Linux fails a command whose status has any of these bits (4.2). */
    public static final int STATUS_LINUX_FAIL_MASK = 0xA9;

    // Error register bits.
    public static final int ERROR_ICRC = 0x80;
    public static final int ERROR_UNC = 0x40;
    public static final int ERROR_MC = 0x20;
    public static final int ERROR_IDNF = 0x10;
    public static final int ERROR_MCR = 0x08;
    public static final int ERROR_ABRT = 0x04;
    public static final int ERROR_NM = 0x02;
    public static final int ERROR_AMNF = 0x01;

    public static boolean isLba28(int opcode) {
        return opcode == READ_SECTORS || opcode == WRITE_SECTORS;
    }

    public static boolean isRead(int opcode) {
        return opcode == READ_SECTORS || opcode == READ_SECTORS_EXT;
    }

    public static boolean isWrite(int opcode) {
        return opcode == WRITE_SECTORS || opcode == WRITE_SECTORS_EXT;
    }

    /** Whether the opcode moves sector data (the ones a reservation blocks, 3.4). */
    public static boolean isDataTransfer(int opcode) {
        return isRead(opcode) || isWrite(opcode);
    }

    /** "READ SECTORS EXT", or "opcode 0x.." for ones without a name here. */
    public static String name(int opcode) {
        return switch (opcode) {
            case READ_SECTORS -> "READ SECTORS";
            case READ_SECTORS_EXT -> "READ SECTORS EXT";
            case WRITE_SECTORS -> "WRITE SECTORS";
            case WRITE_SECTORS_EXT -> "WRITE SECTORS EXT";
            case SMART -> "SMART";
            case CHECK_POWER_MODE -> "CHECK POWER MODE";
            case FLUSH_CACHE -> "FLUSH CACHE";
            case FLUSH_CACHE_EXT -> "FLUSH CACHE EXT";
            case IDENTIFY_DEVICE -> "IDENTIFY DEVICE";
            case 0x25 -> "READ DMA EXT";
            case 0x35 -> "WRITE DMA EXT";
            case 0xC8 -> "READ DMA";
            case 0xCA -> "WRITE DMA";
            case 0xEF -> "SET FEATURES";
            default -> String.format("opcode 0x%02x", opcode);
        };
    }

    /** "DRDY ERR", "BSY DRDY DF ..." or "none". */
    public static String statusBits(int status) {
        return bits(status, new String[] {"ERR", "IDX", "CORR", "DRQ", "DSC", "DF", "DRDY", "BSY"});
    }

    /** "ABRT", "IDNF", "UNC" ... or "none". */
    public static String errorBits(int error) {
        return bits(error, new String[] {"AMNF", "NM", "ABRT", "MCR", "IDNF", "MC", "UNC", "ICRC"});
    }

    private static String bits(int value, String[] names) {
        StringBuilder sb = new StringBuilder();
        for (int bit = 7; bit >= 0; bit--) {
            if ((value & 1 << bit) != 0) {
                if (sb.length() > 0) sb.append(' ');
                sb.append(names[bit]);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
