package org.aoelab.disk;

import java.util.HexFormat;

/**
 * The fresh process of the durability tests, run with the test class path:
 *
 * <pre>
 * dump SPEC LBA                   prints sector LBA of the disk SPEC in hex
 * write-flush-halt SPEC LBA TAG   writes the test pattern TAG to LBA, flushes, prints FLUSHED and halts
 * write-halt SPEC LBA TAG         writes and halts, no flush (for write-through disks)
 * </pre>
 *
 * Halting skips close and every shutdown hook, as a killed process would.
 */
public final class DiskTool {
    private DiskTool() {
    }

    public static void main(String[] args) throws Exception {
        VirtualDisk disk = DiskSpec.parse(args[1]).open();
        long lba = Long.parseLong(args[2]);
        switch (args[0]) {
            case "dump" -> {
                byte[] sector = new byte[VirtualDisk.SECTOR_SIZE];
                disk.read(lba, 1, sector, 0);
                System.out.println(HexFormat.of().formatHex(sector));
                disk.close();
            }
            case "write-flush-halt", "write-halt" -> {
                disk.write(lba, TestData.sectors(lba, 1, Integer.parseInt(args[3])));
                if (args[0].equals("write-flush-halt")) {
                    disk.flush();
                    System.out.println("FLUSHED");
                } else {
                    System.out.println("WRITTEN");
                }
                System.out.flush();
                Runtime.getRuntime().halt(0);
            }
            default -> throw new IllegalArgumentException("command is " + args[0] + ", expected dump, write-flush-halt or write-halt");
        }
    }
}
