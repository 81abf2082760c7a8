package org.aoelab.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.MacAddress;

/**
 * The small text file in which a target keeps its config string, mask list and reserve list
 * across restarts (as ggaoed does). One entry per line, {@code #} comments:
 *
 * <pre>
 * # AoE Lab target state of e3.1
 * config 68656c6c6f
 * mask 02:00:00:00:00:01
 * reserve 02:00:00:00:00:01
 * </pre>
 *
 * The config string is hexadecimal because it is arbitrary bytes. The file is rewritten whole on
 * every change: written to a sibling temporary file, forced to disk, then moved over the old one,
 * so a crash leaves either the old state or the new one.
 */
final class StateFile {
    private StateFile() {
    }

    /** What a state file holds. */
    record Contents(Bytes config, List<MacAddress> mask, List<MacAddress> reserve) {
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException naming the file, the line and what is wrong with it
     * @throws IOException when the file cannot be read
     */
    static Contents read(Path file, int maskCapacity) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Bytes config = Bytes.EMPTY;
        boolean sawConfig = false;
        List<MacAddress> mask = new ArrayList<>();
        List<MacAddress> reserve = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int sp = line.indexOf(' ');
            String key = sp < 0 ? line : line.substring(0, sp);
            String value = sp < 0 ? "" : line.substring(sp + 1).strip();
            String where = file + ":" + (i + 1) + ": ";
            switch (key) {
                case "config" -> {
                    if (sawConfig) throw new IllegalArgumentException(where + "a second 'config' entry; expected one");
                    sawConfig = true;
                    try {
                        config = Bytes.fromHex(value);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + "config is not hexadecimal bytes (" + e.getMessage() + ")");
                    }
                    if (config.length() > ConfigArg.MAX_STRING) {
                        throw new IllegalArgumentException(where + "config string is " + config.length()
                                + " bytes, expected at most " + ConfigArg.MAX_STRING);
                    }
                }
                case "mask" -> {
                    mask.add(mac(where, "mask", value));
                    if (mask.size() > maskCapacity) {
                        throw new IllegalArgumentException(where + "mask list has more than " + maskCapacity
                                + " MACs, the most this target's profile holds");
                    }
                }
                case "reserve" -> {
                    reserve.add(mac(where, "reserve", value));
                    if (reserve.size() > 255) {
                        throw new IllegalArgumentException(where + "reserve list has more than 255 MACs");
                    }
                }
                default -> throw new IllegalArgumentException(where + "unknown entry '" + key
                        + "'; expected config, mask or reserve");
            }
        }
        return new Contents(config, mask, reserve);
    }

    private static MacAddress mac(String where, String key, String value) {
        try {
            return MacAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + key + " entry: " + e.getMessage());
        }
    }

    /** Rewrites {@code file} atomically with {@code state}. */
    static void write(Path file, String targetName, TargetState state) throws IOException {
        StringBuilder sb = new StringBuilder(128);
        sb.append("# AoE Lab target state of ").append(targetName)
                .append(": config string (hex), mask list, reserve list; rewritten on every change\n");
        sb.append("config");
        if (!state.configString().isEmpty()) sb.append(' ').append(state.configString().toHex());
        sb.append('\n');
        for (MacAddress m : state.maskList()) sb.append("mask ").append(m).append('\n');
        for (MacAddress m : state.reserveList()) sb.append("reserve ").append(m).append('\n');
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);

        Path name = file.getFileName();
        Path tmp = file.resolveSibling(name + ".tmp");
        try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
