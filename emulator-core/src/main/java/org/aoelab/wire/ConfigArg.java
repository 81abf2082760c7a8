package org.aoelab.wire;

/**
 * Command 1, Query Config Information (protocol reference 3.2).
 *
 * <pre>
 *  24-25         26-27             28        29             30-31        32...
 * +------------+-----------------+---------+--------------+------------+---------------+
 * |Buffer Count|Firmware Version |Sector   |AoE ver | CCmd|Config      | Config String |
 * |  (BE16)    |     (BE16)      |Count    |(hi)    | (lo)|String Len  | (0-1024 bytes)|
 * +------------+-----------------+---------+--------------+------------+---------------+
 * </pre>
 *
 * @param bufferCount     requests the target can queue (0 in requests)
 * @param firmwareVersion target firmware (0 in requests)
 * @param sectorCount     most sectors per ATA command (0 in requests)
 * @param aoeVersion      high nibble of byte 29: the target's AoE version (0 in requests)
 * @param ccmd            low nibble of byte 29, see {@link ConfigCommand}
 * @param string          the config string, at most 1024 bytes; its length is bytes 30-31
 */
public record ConfigArg(int bufferCount, int firmwareVersion, int sectorCount, int aoeVersion, int ccmd, Bytes string)
        implements AoeArg {

    public static final int FIXED_LENGTH = 8;
    public static final int MAX_STRING = 1024;

    public ConfigArg {
        Checks.range("bufferCount", bufferCount, 0, 0xFFFF);
        Checks.range("firmwareVersion", firmwareVersion, 0, 0xFFFF);
        Checks.range("sectorCount", sectorCount, 0, 0xFF);
        Checks.range("aoeVersion", aoeVersion, 0, 15);
        Checks.range("ccmd", ccmd, 0, 15);
        Checks.notNull("string", string);
        Checks.range("config string length", string.length(), 0, MAX_STRING);
    }

    /** A request: {@code command} with {@code string}, other fields 0. */
    public static ConfigArg request(ConfigCommand command, Bytes string) {
        return new ConfigArg(0, 0, 0, 0, command.code(), string);
    }

    /** A request with a raw CCmd (5-15 are undefined; a target answers error 2). */
    public static ConfigArg request(int ccmd, Bytes string) {
        return new ConfigArg(0, 0, 0, 0, ccmd, string);
    }

    /** A target's answer: AoE version 1, CCmd echoed, its current string. */
    public static ConfigArg response(int bufferCount, int firmwareVersion, int sectorCount, int ccmd, Bytes string) {
        return new ConfigArg(bufferCount, firmwareVersion, sectorCount, 1, ccmd, string);
    }

    public ConfigCommand command() {
        return ConfigCommand.ofCode(ccmd);
    }

    @Override
    public int encodedLength() {
        return FIXED_LENGTH + string.length();
    }

    @Override
    public void encode(byte[] out, int p) {
        out[p] = (byte) (bufferCount >>> 8);
        out[p + 1] = (byte) bufferCount;
        out[p + 2] = (byte) (firmwareVersion >>> 8);
        out[p + 3] = (byte) firmwareVersion;
        out[p + 4] = (byte) sectorCount;
        out[p + 5] = (byte) (aoeVersion << 4 | ccmd);
        out[p + 6] = (byte) (string.length() >>> 8);
        out[p + 7] = (byte) string.length();
        string.copyTo(0, out, p + FIXED_LENGTH, string.length());
    }

    @Override
    public String toString() {
        return String.format("ConfigArg[bufferCount=%d firmwareVersion=0x%04x sectorCount=%d aoeVersion=%d ccmd=%d (%s) string=%s]",
                bufferCount, firmwareVersion, sectorCount, aoeVersion, ccmd, ConfigCommand.describe(ccmd),
                Printable.quote(string, 64));
    }
}
