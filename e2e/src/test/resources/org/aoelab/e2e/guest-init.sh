#!/bin/sh
# PID 1 of the AoE Lab end-to-end guest (busybox sh). GuestHarness packs it into the
# initramfs as /init together with busybox, the NIC's and aoe's modules and /lib/modules/order.
#
# Parameters come from the kernel command line (aoelab.NAME=VALUE):
#   variant   name printed in every result line
#   targets   comma-separated SHELF.SLOT:LABEL, tested one after the other
#   size      expected capacity of every target, bytes
#   mib       MiB of random pattern written at offset 0, read back with O_DIRECT
#   hostoff   MiB offset of the region the host wrote before boot; hostmib its length
#   hostsha   sha256 of that region as the host wrote it
#   wait      seconds to wait for each /dev/etherd/eS.L
#   deadsecs  aoe_deadsecs for the driver
# For each target it prints one line
#   AOELAB-RESULT variant=.. target=S.L label=.. ok=0|1 size=.. write_MBps=.. read_MBps=.. ...
# and before each transfer a line "AOELAB-PHASE <phase> S.L" the host can act on
# (fault injection); then it powers the machine off.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /tmp
mount -t tmpfs tmpfs /tmp

param() {
    for w in $(cat /proc/cmdline); do
        case "$w" in "aoelab.$1="*) echo "${w#*=}"; return ;; esac
    done
    echo "$2"
}
now() { cut -d' ' -f1 /proc/uptime; }
rate() { awk -v mib="$1" -v t0="$2" -v t1="$3" 'BEGIN { d = t1 - t0; if (d <= 0) d = 0.01; printf "%.2f", mib * 1.048576 / d }'; }
say() { echo "$*" > /dev/console; }
off() {
    say "AOELAB-DMESG-BEGIN"
    dmesg | grep -i -E 'aoe|etherd' > /dev/console
    say "AOELAB-DMESG-END"
    say "AOELAB-DONE"
    sync
    poweroff -f
    sleep 5
    echo o > /proc/sysrq-trigger
}

variant=$(param variant unnamed)
targets=$(param targets "")
size=$(param size 0)
mib=$(param mib 8)
hostoff=$(param hostoff 48)
hostmib=$(param hostmib 1)
hostsha=$(param hostsha none)
wait=$(param wait 60)
deadsecs=$(param deadsecs 180)

say "AOELAB-PHASE boot $variant"
while read -r m args; do
    case "$m" in
        */aoe.ko) continue ;;
    esac
    insmod "$m" $args || say "AOELAB-ERROR insmod $m failed"
done < /lib/modules/order

ip link set lo up
ip link set eth0 up || { say "AOELAB-ERROR no eth0"; off; }
i=0
while [ "$(cat /sys/class/net/eth0/carrier 2>/dev/null)" != 1 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done

aoe=$(grep '/aoe.ko' /lib/modules/order)
insmod $aoe aoe_iflist=eth0 aoe_deadsecs=$deadsecs || { say "AOELAB-ERROR insmod aoe failed"; off; }
say "AOELAB-PHASE aoe-loaded $variant"

dd if=/dev/urandom of=/tmp/pat bs=1M count=$mib 2>/dev/null
patsha=$(sha256sum /tmp/pat | cut -d' ' -f1)

for t in $(echo "$targets" | tr ',' ' '); do
    sl=${t%%:*}
    label=${t#*:}
    dev=/dev/etherd/e$sl
    blk=/sys/block/etherd!e$sl
    line="AOELAB-RESULT variant=$variant target=$sl label=$label"
    t0=$(now)
    # The driver broadcasts a query on load; ask again every second until the disk is up.
    while :; do
        if [ -b "$dev" ] && [ "$(cat $blk/state 2>/dev/null)" = up ]; then break; fi
        if awk -v a="$(now)" -v b="$t0" -v w="$wait" 'BEGIN { exit !(a - b > w) }'; then break; fi
        echo > /dev/etherd/discover
        sleep 1
    done
    if [ ! -b "$dev" ]; then
        say "$line ok=0 reason=no-device waited_s=$wait"
        continue
    fi
    found=$(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')
    got=$(blockdev --getsize64 "$dev")
    ok=1
    why=""
    [ "$got" = "$size" ] || { ok=0; why="$why,size"; }

    say "AOELAB-PHASE write $sl"
    w0=$(now)
    dd if=/tmp/pat of="$dev" bs=1M count=$mib oflag=direct 2>/tmp/err || { ok=0; why="$why,write-error"; cat /tmp/err > /dev/console; }
    w1=$(now)
    say "AOELAB-PHASE read $sl"
    r0=$(now)
    dd if="$dev" of=/tmp/back bs=1M count=$mib iflag=direct 2>/tmp/err || { ok=0; why="$why,read-error"; cat /tmp/err > /dev/console; }
    r1=$(now)
    backsha=$(sha256sum /tmp/back | cut -d' ' -f1)
    rm -f /tmp/back
    [ "$backsha" = "$patsha" ] || { ok=0; why="$why,readback"; }
    say "AOELAB-PHASE host-region $sl"
    hsha=$(dd if="$dev" bs=1M skip=$hostoff count=$hostmib iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)
    [ "$hsha" = "$hostsha" ] || { ok=0; why="$why,host-region"; }
    [ -n "$why" ] && why=" reason=${why#,}"
    say "$line ok=$ok size=$got mib=$mib write_s=$(awk -v a=$w1 -v b=$w0 'BEGIN{printf "%.2f", a-b}') write_MBps=$(rate $mib $w0 $w1) read_MBps=$(rate $mib $r0 $r1) found_s=$found pattern_sha=$patsha host_sha=$hsha state=$(cat $blk/state) payload=$(cat $blk/payload 2>/dev/null) mac=$(cat $blk/mac 2>/dev/null) fwver=$(cat $blk/firmware-version 2>/dev/null)$why"
done
off
