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
. "$here/common.sh"
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
	il_check_sctpdk_pair "$tmp/$name.json" "$tmp/$name.json.server" "$n" "$close" || rc=1
	return $rc
}

echo "net_ring: $bytes bytes each way, then an aborted association of 16 MiB (captured)"
status=0
run bulk "$bytes" graceful || status=1
run abort $((16 * 1024 * 1024)) abort --pcapng "$tmp/abort.pcapng" || status=1
il_check_abort_capture "$here/check-capture.sh" "$tmp/abort.pcapng" "$tmp/abort.json" "$tmp/cc.json" ||
	status=1
[ $status -eq 0 ] || il_diagnose "$tmp/abort.pcapng" "$tmp"/*.json* "$tmp"/*.log
[ $status -eq 0 ] && echo "PASS: net_ring, $bytes bytes each way, then abort" || echo "FAIL: net_ring" >&2
exit $status
