#!/bin/sh
# PID 1 of the AoE Lab end-to-end guest (busybox sh). GuestHarness packs it into the
# initramfs as /init together with busybox, the modules (the NIC's, ext4's, aoe) listed in
# insmod order in /lib/modules/order, and aoetools when the host has them.
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
#   lock      SHELF.SLOT:OWNER:ROUNDS:HOLD - after the disks, take the config-string lock of
#             that target ROUNDS times with aoecfg (set-if-empty, verified by a read), hold it
#             HOLD seconds checking every second that the string is still OWNER, release it
#             guarded (test, then force-set empty); one AOELAB-LOCK line sums it up (final:
#             the string when the guest is done, spaces as underscores); each attempt is
#             also logged on the console as AOELAB-LOCKLOG
#   fs        SHELF.SLOT - after the disks, make an ext2 file system there (busybox mke2fs),
#             mount it, copy the pattern in, remount, compare; one AOELAB-FS line
#   hold      comma-separated phases (write, read, host-region, lock) before which the guest
#             waits for a line from the host on the console, so the host can act first
# For each target it prints one line
#   AOELAB-RESULT variant=.. target=S.L label=.. ok=0|1 size=.. write_MBps=.. read_MBps=.. ...
# and before each transfer a line "AOELAB-PHASE <phase> S.L" the host can act on
# (fault injection); then it powers the machine off. The fields retransmits and unexpected
# count the driver's "retransmit" and "unexpected rsp" reports (/dev/etherd/err) for the disk.
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
phase() {
    say "AOELAB-PHASE $1 $2"
    case ",$hold," in
        *",$1,"*) read -r reply < /dev/console; say "AOELAB-PHASE $1-go $2 $reply" ;;
    esac
}
count() { grep -c "$1" /tmp/aoe-err 2>/dev/null || true; }
off() {
    # What aoetools' aoe-stat says about the disks (when the harness packed aoetools).
    [ -x /bin/aoe-stat ] && sh /bin/aoe-stat 2>&1 | sed 's/^/AOELAB-AOE-STAT /' > /dev/console
    say "AOELAB-DMESG-BEGIN"
    dmesg | grep -i -E 'aoe|etherd' | grep -v -i 'command line' > /dev/console
    say "AOELAB-DMESG-END"
    # The driver's first reports on /dev/etherd/err, such as retransmissions.
    head -n 5 /tmp/aoe-err 2>/dev/null | sed 's/^/AOELAB-AOE-ERR /' > /dev/console
    say "AOELAB-DONE"
    sync
    poweroff -f
    sleep 5
    echo o > /proc/sysrq-trigger
}

# Waits until /dev/etherd/eS.L is up: the driver broadcasts a query on load; ask again
# every second (aoe-discover) until the disk is there, at most $wait seconds.
await() {
    a0=$(now)
    while :; do
        if [ -b "/dev/etherd/e$1" ] && [ "$(cat "/sys/block/etherd!e$1/state" 2>/dev/null)" = up ]; then return 0; fi
        if awk -v a="$(now)" -v b="$a0" -v w="$wait" 'BEGIN { exit !(a - b > w) }'; then return 1; fi
        if [ -x /bin/aoe-discover ]; then sh /bin/aoe-discover; else echo > /dev/etherd/discover; fi
        sleep 1
    done
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
hold=$(param hold "")

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
# The driver's own reports (retransmissions, unexpected responses) arrive on this device.
cat /dev/etherd/err > /tmp/aoe-err &
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
    if ! await "$sl"; then
        say "$line ok=0 reason=no-device waited_s=$wait"
        continue
    fi
    found=$(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')
    got=$(blockdev --getsize64 "$dev")
    ok=1
    why=""
    [ "$got" = "$size" ] || { ok=0; why="$why,size"; }

    # Hold the disk open from here to the last read, as a mounted file system would: each
    # last close makes the driver identify the disk again and restart its round-trip
    # estimate (first timeout ~16 s), which is not what a fault in mid-use meets.
    exec 3<"$dev"
    phase write $sl
    w0=$(now)
    dd if=/tmp/pat of="$dev" bs=1M count=$mib oflag=direct 2>/tmp/err || { ok=0; why="$why,write-error"; cat /tmp/err > /dev/console; }
    w1=$(now)
    phase read $sl
    r0=$(now)
    dd if="$dev" of=/tmp/back bs=1M count=$mib iflag=direct 2>/tmp/err || { ok=0; why="$why,read-error"; cat /tmp/err > /dev/console; }
    r1=$(now)
    backsha=$(sha256sum /tmp/back | cut -d' ' -f1)
    rm -f /tmp/back
    [ "$backsha" = "$patsha" ] || { ok=0; why="$why,readback"; }
    phase host-region $sl
    hsha=$(dd if="$dev" bs=1M skip=$hostoff count=$hostmib iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)
    [ "$hsha" = "$hostsha" ] || { ok=0; why="$why,host-region"; }
    exec 3<&-
    [ -n "$why" ] && why=" reason=${why#,}"
    say "$line ok=$ok size=$got mib=$mib write_s=$(awk -v a=$w1 -v b=$w0 'BEGIN{printf "%.2f", a-b}') write_MBps=$(rate $mib $w0 $w1) read_s=$(awk -v a=$r1 -v b=$r0 'BEGIN{printf "%.2f", a-b}') read_MBps=$(rate $mib $r0 $r1) found_s=$found pattern_sha=$patsha host_sha=$hsha state=$(cat $blk/state) payload=$(cat $blk/payload 2>/dev/null) mac=$(cat $blk/mac 2>/dev/null) fwver=$(cat $blk/firmware-version 2>/dev/null) retransmits=$(count "retransmit e$sl ") unexpected=$(count "unexpected rsp e$sl ")$why"
done

# aoecfg prints "S.L<TAB>string" for each answer, or "S.L<TAB>*error*"; nothing when silent.
cfg() { aoecfg -t 1 "$@" "$shelf" "$slot" eth0 2>&1 | tr -d '\r' | head -n 1; }
cfgstring() { cfg "$@" | cut -f2-; }

lockrun() {
    sl=$1; owner=$2; rounds=$3; holdsecs=$4
    shelf=${sl%.*}; slot=${sl#*.}
    acquired=0; attempts=0; taken=0; silent=0; violations=0; released=0
    phase lock $sl
    while [ $acquired -lt $rounds ] && [ $attempts -lt $((rounds * 20)) ]; do
        attempts=$((attempts + 1))
        set_out=$(cfg -c set -s "$owner")
        now_str=$(cfgstring -c read)
        say "AOELAB-LOCKLOG set='$set_out' read='$now_str'"
        if [ -z "$set_out" ] && [ -z "$now_str" ]; then silent=$((silent + 1)); continue; fi
        if [ "$now_str" != "$owner" ]; then
            taken=$((taken + 1))
            sleep 0.$((RANDOM % 9 + 1))
            continue
        fi
        acquired=$((acquired + 1))
        say "AOELAB-LOCKLOG held $acquired"
        i=0
        while [ $i -lt $holdsecs ]; do
            sleep 1
            [ "$(cfgstring -c read)" = "$owner" ] || violations=$((violations + 1))
            i=$((i + 1))
        done
        test_out=$(cfg -c test -s "$owner")
        fset_out=""
        if [ "$(echo "$test_out" | cut -f2-)" = "$owner" ]; then
            fset_out=$(cfg -c fset -s "")
            released=$((released + 1))
        fi
        say "AOELAB-LOCKLOG test='$test_out' fset='$fset_out'"
        sleep 0.$((RANDOM % 9 + 1))
    done
    say "AOELAB-LOCK variant=$variant target=$sl owner=$owner acquired=$acquired released=$released attempts=$attempts taken=$taken silent=$silent violations=$violations final=$(cfgstring -c read | tr ' ' '_')"
}

fsrun() {
    sl=$1; dev=/dev/etherd/e$sl
    line="AOELAB-FS variant=$variant target=$sl"
    if ! await "$sl"; then say "$line ok=0 reason=no-device"; return; fi
    mkdir -p /mnt
    f0=$(now)
    mke2fs -q "$dev" > /tmp/err 2>&1 || { say "$line ok=0 reason=mkfs"; cat /tmp/err > /dev/console; return; }
    f1=$(now)
    mount "$dev" /mnt || { say "$line ok=0 reason=mount"; return; }
    cp /tmp/pat /mnt/pattern && sync
    umount /mnt
    mount "$dev" /mnt || { say "$line ok=0 reason=remount"; return; }
    got=$(sha256sum /mnt/pattern | cut -d' ' -f1)
    fstype=$(awk '$2 == "/mnt" { print $3 }' /proc/mounts)
    used=$(df -k /mnt | awk 'NR == 2 { print $3 }')
    umount /mnt
    fsok=1; [ "$got" = "$patsha" ] || fsok=0
    say "$line ok=$fsok fstype=$fstype mkfs_s=$(awk -v a=$f1 -v b=$f0 'BEGIN{printf "%.2f", a-b}') used_kib=$used pattern_sha=$got"
}

fs=$(param fs "")
[ -n "$fs" ] && fsrun "$fs"

lock=$(param lock "")
if [ -n "$lock" ]; then
    IFS=: read -r lsl lowner lrounds lhold <<LOCK
$lock
LOCK
    lockrun "$lsl" "$lowner" "$lrounds" "$lhold"
fi

off
