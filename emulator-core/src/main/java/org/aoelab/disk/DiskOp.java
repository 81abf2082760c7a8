package org.aoelab.disk;

/** The operations a target asks of its disk; fault injection can treat each differently. */
public enum DiskOp {
    READ,
    WRITE,
    FLUSH
}
