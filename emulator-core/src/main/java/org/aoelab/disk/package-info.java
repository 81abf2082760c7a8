/**
 * Virtual disks behind AoE targets (issue 4): the {@link org.aoelab.disk.VirtualDisk} contract
 * and its kinds.
 *
 * <ul>
 *   <li>{@link org.aoelab.disk.RamDisk}: sparse, in memory; a 1 TiB disk costs nothing until
 *       written.
 *   <li>{@link org.aoelab.disk.FileDisk}: a sparse file; FLUSH forces data to stable storage,
 *       optionally every write.
 *   <li>{@link org.aoelab.disk.CowDisk}: a copy-on-write overlay (in RAM or in a file) over a
 *       read-only base, so many targets share one golden image.
 *   <li>{@link org.aoelab.disk.FaultyDisk}: wraps any disk and injects latency, media errors,
 *       read-only and vanishing, changeable while running; {@link org.aoelab.disk.Latency} says how
 *       long an operation takes, fixed or from a seeded distribution.
 * </ul>
 *
 * <p>{@link org.aoelab.disk.DiskSpec} reads the command-line form ({@code ram:1GiB},
 * {@code file:disk.img,sync}, {@code cow:golden.img,overlay=t1.cow}) and
 * {@link org.aoelab.disk.Sizes} the sizes in it. Disks are single-threaded, read no clock and
 * draw randomness only from a generator passed in.
 */
package org.aoelab.disk;
