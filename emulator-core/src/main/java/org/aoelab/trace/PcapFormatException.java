package org.aoelab.trace;

import java.io.IOException;

/**
 * A capture file that is not a valid pcap or pcapng file: truncated, corrupt, or of an unknown
 * kind. The message names the file, the byte offset where reading went wrong, and what was
 * expected there.
 */
public final class PcapFormatException extends IOException {
    private final String source;
    private final long offset;
    private final String detail;

    /**
     * @param source the file name (or a description of the stream)
     * @param offset byte offset from the start of the file
     * @param detail what was expected and what was found
     */
    public PcapFormatException(String source, long offset, String detail) {
        super(source + ": at byte offset " + offset + ": " + detail);
        this.source = source;
        this.offset = offset;
        this.detail = detail;
    }

    /** The file name, or a description of the stream. */
    public String source() {
        return source;
    }

    /** Byte offset from the start of the file. */
    public long offset() {
        return offset;
    }

    /** What was expected and what was found, without file and offset. */
    public String detail() {
        return detail;
    }
}
