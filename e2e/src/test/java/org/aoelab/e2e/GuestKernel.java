package org.aoelab.e2e;

import java.nio.file.Path;

/**
 * A Debian kernel unpacked from its package: the image to boot and its module tree (with a
 * {@code modules.dep} made by {@code busybox depmod}).
 *
 * @param packageName the Debian package, e.g. {@code linux-image-6.1.0-57-amd64}
 * @param release     the kernel release, e.g. {@code 6.1.0-57-amd64}
 * @param vmlinuz     the bootable image
 * @param modulesDir  {@code lib/modules/RELEASE} inside the unpacked tree
 */
record GuestKernel(String packageName, String release, Path vmlinuz, Path modulesDir) {
}
