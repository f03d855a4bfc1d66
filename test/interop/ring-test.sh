#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Two sctpdk stacks in one process over a net_ring pair (sctpdk-peer --ring:
# server stack on lcore 1, client stack on lcore 2):
#  1. BYTES each way byte-exact (pattern.h: mixed sizes, 8 streams, 30 %
#     unordered), graceful shutdown by the client;
#  2. a second association (new process), 16 MiB each way, aborted by the
#     client once its data is acknowledged; its pcapng capture must pass
#     check-capture.sh.
#   ring-test.sh SCTPDK_PEER BYTES      (SCTPDK_RING_BYTES overrides BYTES)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
peer=${1:?usage: ring-test.sh SCTPDK_PEER BYTES}
bytes=${SCTPDK_RING_BYTES:-${2:?usage}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # name bytes close [options]
	local name=$1 n=$2 close=$3 rc=0
	shift 3
	"$peer" --ring --bytes "$n" --streams 8 --unordered-ratio 0.3 --timeout 200 \
		--shutdown "$close" --json "$tmp/$name.json" "$@" 2>"$tmp/$name.log" || rc=$?
	grep -h "sctpdk-peer" "$tmp/$name.log"
	[ $rc -eq 0 ] || echo "FAIL: $name exit $rc" >&2
	python3 - "$tmp/$name.json" "$tmp/$name.json.server" "$n" "$close" <<'PY' || rc=1
import json, sys
cf, sf, n, close = sys.argv[1:]
n = int(n)
want = {"graceful": ("shutdown", "peer_shutdown"), "abort": ("abort", "peer_abort")}[close]
bad = []
for name, f, end in (("client", cf, want[0]), ("server", sf, want[1])):
    r = json.load(open(f))
    print(f"{name}: ok={r['ok']} end={r['end']} sent={r['bytes_sent']} received={r['bytes_received']} "
          f"messages={r['messages_received']} unordered={r['unordered_received']} "
          f"seconds={r['seconds']} mbit/s={r['mbit_per_s']} {r['sctpdk']}")
    if not r["ok"]:
        bad.append(f"{name} not ok: {r['error']}")
    if r["end"] != end:
        bad.append(f"{name} ended {r['end']}, expected {end}")
    if r["bytes_sent"] != n or r["bytes_received"] != n:
        bad.append(f"{name} moved {r['bytes_sent']}/{r['bytes_received']} bytes, expected {n}")
    if r["unordered_received"] == 0 or r["out_streams"] < 8:
        bad.append(f"{name}: no unordered message or too few streams")
    for k in ("mismatches", "bad_headers", "length_errors", "duplicates", "stream_errors",
              "order_errors", "unordered_flag_errors", "send_failed"):
        if r[k]:
            bad.append(f"{name} {k}={r[k]}")
for b in bad:
    print("FAIL:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
	return $rc
}

echo "net_ring: $bytes bytes each way, then an aborted association of 16 MiB (captured)"
status=0
run bulk "$bytes" graceful || status=1
run abort $((16 * 1024 * 1024)) abort --pcapng "$tmp/abort.pcapng" || status=1
"$here/check-capture.sh" "$tmp/abort.pcapng" --expect INIT --expect INIT_ACK --expect COOKIE_ECHO \
	--expect COOKIE_ACK --expect DATA --expect SACK --expect ABORT --forbid SHUTDOWN >"$tmp/cc.json" || status=1
cat "$tmp/cc.json"
# the capture holds every frame the port received and sent (tried to send)
python3 - "$tmp/cc.json" "$tmp/abort.json" <<'PY' || status=1
import json, sys
cap = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
s = json.load(open(sys.argv[2]))["sctpdk"]
want = s["rx_frames"] + s["tx_frames"] + s["drop_tx_full"]
print(f"capture: {cap['packets']} frames, stack counted {want}")
if cap["packets"] != want:
    sys.exit(f"FAIL: capture has {cap['packets']} frames, the stack counted {want}")
PY
[ $status -eq 0 ] && echo "PASS: net_ring, $bytes bytes each way, then abort" || echo "FAIL: net_ring" >&2
exit $status
