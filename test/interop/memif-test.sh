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
. "$here/common.sh"
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
	il_wait_ready "$srv_pid" 500 "$tmp/ready" "$tmp/$name-server.log" || return 1
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
	il_check_sctpdk_pair "$tmp/$name-client.json" "$tmp/$name-server.json" "$n" "$close" || chk=1
	[ $crc -eq 0 ] && [ $src -eq 0 ] && [ $chk -eq 0 ]
}

echo "memif: $bytes bytes each way, then an aborted association of 16 MiB (captured)"
status=0
run bulk "$bytes" graceful || status=1
run abort $((16 * 1024 * 1024)) abort --pcapng "$tmp/abort.pcapng" || status=1
il_check_abort_capture "$here/check-capture.sh" "$tmp/abort.pcapng" "$tmp/abort-client.json" \
	"$tmp/cc.json" || status=1
[ $status -eq 0 ] || il_diagnose "$tmp/abort.pcapng" "$tmp"/*.json "$tmp"/*.log
[ $status -eq 0 ] && echo "PASS: memif, $bytes bytes each way, then abort" || echo "FAIL: memif" >&2
exit $status
