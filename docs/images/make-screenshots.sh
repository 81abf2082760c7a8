#!/usr/bin/env bash
# Makes the screenshots of docs/gui.md with `aoelab gui --screenshot` (headless when there is no
# display). Run from anywhere: docs/images/make-screenshots.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
aoelab="$root/aoelab"
shot() { local out="$1"; shift; "$aoelab" gui "$@" --screenshot "$here/$out"; }

shot gui-decode.png basics --select 'aoe.cmd == 0 && aoe.response && frame.len > 500' --field aoe.tag --view decode
shot gui-frames.png lossy-copy --filter 'lab.fate == lost || lab.retransmission' --select 'lab.retransmission' --view decode --link h2
shot gui-ladder.png lossy-copy --select 'lab.retransmission' --view ladder --link h1
shot gui-locks.png lock-race-naive --select 'aoe.cmd == 1 && aoe.cfg.ccmd == 4' --view locks --link h2
shot gui-charts.png "$here/throughput-demo.yaml" --view charts
shot gui-config-error.png lock-lost-reply --filter 'aoe.cmd == 1 && aoe.error == 4' --select 'aoe.cmd == 1 && aoe.error == 4' --field aoe.error --view decode
