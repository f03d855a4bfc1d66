#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Two sctpdk processes over DPDK net_memif (server process = memif master,
# client process = memif slave; socket in a temp dir), each with its stack
# on its own lcore:
#  1. association up, BYTES each way byte-exact (pattern.h: mixed message
#     sizes, 8 streams, 30% unordered), graceful shutdown from the client;
#  2. a second association (new processes), 16 MiB each way, aborted by the
#     client once its data is acknowledged; the client's pcapng capture of
#     this run is checked by check-capture.sh (no malformed frame, every
#     CRC32c good, INIT ... DATA ... ABORT).
# During run 1, telemetry-query.py reads /sctpdk/stats, /sctpdk/assocs and
# /sctpdk/assoc,<id> from the server process's telemetry socket and checks
# them.
#   memif-test.sh SCTPDK_PEER BYTES
# SCTPDK_MEMIF_BYTES overrides BYTES.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
peer=${1:?usage: memif-test.sh SCTPDK_PEER BYTES}
bytes=${SCTPDK_MEMIF_BYTES:-${2:?usage}}
tmp=$(mktemp -d)
srv_pid=""
cleanup() {
	[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# run NAME BYTES CLOSE [client options]: one server and one client process
run() {
	local name=$1 n=$2 close=$3
	shift 3
	rm -f "$tmp/ready"
	local common=(--bytes "$n" --streams 8 --unordered-ratio 0.3 --timeout 200 --port 5001)
	"$peer" --server --vdev "net_memif0,role=server,socket=$tmp/memif.sock" --addr 198.18.1.1 \
		"${common[@]}" --shutdown wait --ready-file "$tmp/ready" --json "$tmp/$name-server.json" \
		2>"$tmp/$name-server.log" &
	srv_pid=$!
	for _ in $(seq 500); do
		[ -e "$tmp/ready" ] && break
		kill -0 "$srv_pid" 2>/dev/null || break
		sleep 0.02
	done
	[ -e "$tmp/ready" ] || { cat "$tmp/$name-server.log" >&2; echo "server did not start" >&2; return 1; }
	local tel_pid=""
	if [ "$name" = bulk ]; then
		# read the server's counters through its telemetry socket meanwhile
		python3 "$here/telemetry-query.py" "$(cat "$tmp/ready")" 60 >"$tmp/telemetry.log" 2>&1 &
		tel_pid=$!
	fi
	local crc=0 src=0
	"$peer" --client --vdev "net_memif0,role=client,socket=$tmp/memif.sock" --addr 198.18.1.2 \
		--peer 198.18.1.1 "${common[@]}" --shutdown "$close" --json "$tmp/$name-client.json" "$@" \
		2>"$tmp/$name-client.log" || crc=$?
	wait "$srv_pid" || src=$?
	srv_pid=""
	grep -h "sctpdk-peer" "$tmp/$name-server.log" "$tmp/$name-client.log"
	if [ -n "$tel_pid" ]; then
		local trc=0
		wait "$tel_pid" || trc=$?
		cat "$tmp/telemetry.log"
		[ $trc -eq 0 ] || { echo "FAIL: telemetry query" >&2; crc=1; }
	fi
	[ $crc -eq 0 ] || echo "FAIL: $name client exit $crc" >&2
	[ $src -eq 0 ] || echo "FAIL: $name server exit $src" >&2
	# the checks count too: in a function called with ||, set -e does
	# not stop on a failed command
	local chk=0
	python3 - "$tmp/$name-client.json" "$tmp/$name-server.json" "$n" "$close" <<'PY' || chk=1
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
	[ $crc -eq 0 ] && [ $src -eq 0 ] && [ $chk -eq 0 ]
}

echo "memif: $bytes bytes each way, then an aborted association of 16 MiB (captured)"
status=0
run bulk "$bytes" graceful || status=1
run abort $((16 * 1024 * 1024)) abort --pcapng "$tmp/abort.pcapng" || status=1
"$here/check-capture.sh" "$tmp/abort.pcapng" --expect INIT --expect INIT_ACK --expect COOKIE_ECHO \
	--expect COOKIE_ACK --expect DATA --expect SACK --expect ABORT --forbid SHUTDOWN >"$tmp/cc.json" || status=1
cat "$tmp/cc.json"
# the capture holds every frame the port received and sent (tried to send)
python3 - "$tmp/cc.json" "$tmp/abort-client.json" <<'PY' || status=1
import json, sys
cap = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
s = json.load(open(sys.argv[2]))["sctpdk"]
want = s["rx_frames"] + s["tx_frames"] + s["drop_tx_full"]
print(f"capture: {cap['packets']} frames, stack counted {want}")
if cap["packets"] != want:
    sys.exit(f"FAIL: capture has {cap['packets']} frames, the stack counted {want}")
PY
[ $status -eq 0 ] && echo "PASS: memif, $bytes bytes each way, then abort" || echo "FAIL: memif" >&2
exit $status
